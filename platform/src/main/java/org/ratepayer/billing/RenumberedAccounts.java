package org.ratepayer.billing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Account numbers a conversion onto a new CIS replaced (table {@code account_renumbering}, written by the conversion):
 * where a caller names an account to pay or look up, an old number stands for the account's new one
 * (docs/conversion-old-numbers.md). A live account always wins: a number some account holds today is never taken for
 * an old one, even if another account used to carry it.
 *
 * <p>Nothing is cached: several nodes share one database, a conversion or its rollback must be seen by all of them at
 * once, and the look-up is one primary-key probe.
 */
@Repository
public class RenumberedAccounts {

    private final JdbcClient jdbc;

    public RenumberedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One account's change of number: the number it had, the number it has, and when it changed. */
    public record Renumbering(String oldAccountNumber, String newAccountNumber, Instant renumberedAt) {
    }

    /**
     * The change that made {@code accountNumber} an old number of the biller; empty when it is not one, or when an
     * account with that very number exists now (the live account wins).
     */
    public Optional<Renumbering> current(long bid, String accountNumber) {
        if (accountNumber == null || accountNumber.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select r.old_account_number, r.new_account_number, r.renumbered_at
                from account_renumbering r
                where r.biller_id = ? and r.old_account_number = ?
                  and not exists (select 1 from account a where a.biller_id = r.biller_id and a.account_number = r.old_account_number)
                """).params(bid, accountNumber)
                .query((rs, n) -> new Renumbering(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * The number to use for what a caller named: the new number when {@code accountNumber} is an old one
     * ({@link #current}), else {@code accountNumber} itself (null and blank included, for the caller to refuse).
     */
    public String resolve(long bid, String accountNumber) {
        return current(bid, accountNumber).map(Renumbering::newAccountNumber).orElse(accountNumber);
    }
}
