package org.ratepayer.balances;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The CIS balance an account was last refreshed to, without asking the CIS again: for jobs that must not call the CIS
 * for every account they look at (the payment reminders, docs/notices.md).
 */
@Repository
public class LastBalances {

    private final JdbcClient jdbc;

    public LastBalances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Last(BigDecimal balanceDue, OffsetDateTime refreshedAt) {
    }

    public Optional<Last> of(long bid, String accountNumber) {
        return jdbc.sql("select balance_due, refreshed_at from account_balance where biller_id = ? and account_number = ?")
                .params(bid, accountNumber)
                .query((rs, n) -> new Last(rs.getBigDecimal(1), rs.getObject(2, OffsetDateTime.class)))
                .optional();
    }
}
