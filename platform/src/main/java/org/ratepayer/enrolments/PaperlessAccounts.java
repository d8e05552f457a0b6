package org.ratepayer.enrolments;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which of many accounts are paperless, in one query: for the bill-ready emails of a large invoice file (docs/notices.md). */
@Repository
public class PaperlessAccounts {

    private final JdbcClient jdbc;

    public PaperlessAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> among(long bid, Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select account_number from paperless_enrolment where biller_id = ? and enrolled and account_number = any(?)
                """).params(bid, accounts.toArray(String[]::new)).query(String.class).list());
    }
}
