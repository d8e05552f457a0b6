package org.ratepayer.payers;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The live saved cards of a biller's payers that carry one of some tokens, with their owner: for the card-expiring emails (docs/notices.md). */
@Repository
public class SavedCards {

    private final JdbcClient jdbc;

    public SavedCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A saved card (never its token's text beyond matching) and the payer who saved it. */
    public record Card(java.util.UUID methodGuid, String token, String username, String email, String brand, String last4,
            int expMonth, int expYear) {

        /** Without the token, so a log line never carries it. */
        @Override
        public String toString() {
            return "Card[" + methodGuid + ", " + brand + " " + last4 + ", " + expMonth + "/" + expYear + ", " + username + "]";
        }
    }

    public List<Card> withTokens(long bid, Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select m.method_guid, m.token, u.username, u.email, m.brand, m.last4, m.exp_month, m.exp_year
                from payer_method m join payer_user u on u.user_id = m.user_id
                where m.biller_id = ? and m.method = 'CARD' and m.removed_at is null
                  and m.exp_month is not null and m.exp_year is not null and m.token = any(?)
                order by m.method_id
                """).params(bid, tokens.toArray(String[]::new))
                .query((rs, n) -> new Card(rs.getObject(1, java.util.UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8)))
                .list();
    }
}
