package org.ratepayer.enrolments;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which saved card tokens an account's autopay or an active scheduled payment will charge: what the card-expiring emails
 * (docs/notices.md) need to know. The tokens stay inside the process; nothing shows or logs them.
 */
@Repository
public class MethodsInUse {

    private final JdbcClient jdbc;

    public MethodsInUse(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param use {@code AUTOPAY} or {@code SCHEDULED} */
    public record CardUse(String token, String accountNumber, String use) {

        /** Without the token, so a log line never carries it. */
        @Override
        public String toString() {
            return "CardUse[" + accountNumber + ", " + use + "]";
        }
    }

    public List<CardUse> cards(long bid) {
        return jdbc.sql("""
                select method_token, account_number, 'AUTOPAY' from autopay_enrolment where biller_id = ? and method = 'CARD'
                union
                select method_token, account_number, 'SCHEDULED' from scheduled_payment
                where biller_id = ? and method = 'CARD' and status = 'SCHEDULED'
                order by 2, 3
                """).params(bid, bid)
                .query((rs, n) -> new CardUse(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }
}
