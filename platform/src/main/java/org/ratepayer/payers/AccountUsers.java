package org.ratepayer.payers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The email addresses of the users (co-owners) of many accounts in one query: for jobs that tell the users of
 * thousands of accounts at once (the bill-ready emails of a large invoice file, docs/notices.md).
 */
@Repository
public class AccountUsers {

    private final JdbcClient jdbc;

    public AccountUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By account, the addresses of its users in the order they linked it; an account without users is not in it. */
    public Map<String, List<String>> emails(long bid, Collection<String> accounts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (accounts.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select a.account_number, u.email
                from payer_account a join payer_user u on u.user_id = a.user_id
                where a.biller_id = ? and a.account_number = any(?)
                order by a.account_number, a.linked_at, u.user_id
                """).params(bid, accounts.toArray(String[]::new))
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return out;
    }
}
