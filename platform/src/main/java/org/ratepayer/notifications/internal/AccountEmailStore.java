package org.ratepayer.notifications.internal;

import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and changes an account's email and CC email for the payment route (option 131). */
@Repository
public class AccountEmailStore {

    private final JdbcClient jdbc;

    public AccountEmailStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccountEmails> current(long bid, String accountNumber) {
        return jdbc.sql("""
                select a.email, c.email
                from account a
                left join account_cc_email c on c.biller_id = a.biller_id and c.account_number = a.account_number
                where a.biller_id = ? and a.account_number = ?
                """).params(bid, accountNumber)
                .query((rs, n) -> new AccountEmails(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /**
     * Writes what changed between {@code before} and {@code after}. The main email changes only if it is still
     * what was read, so an invoice file imported meanwhile is not overwritten with an older decision.
     *
     * @return whether anything was written
     */
    public boolean apply(long bid, String accountNumber, AccountEmails before, AccountEmails after) {
        boolean changed = false;
        if (!Objects.equals(before.email(), after.email())) {
            changed = jdbc.sql("""
                    update account set email = ?, updated_at = now()
                    where biller_id = ? and account_number = ? and email is not distinct from ?
                    """).params(after.email(), bid, accountNumber, before.email()).update() > 0;
        }
        if (!Objects.equals(before.ccEmail(), after.ccEmail()) && after.ccEmail() == null) {
            jdbc.sql("delete from account_cc_email where biller_id = ? and account_number = ?").params(bid, accountNumber).update();
            changed = true;
        } else if (!Objects.equals(before.ccEmail(), after.ccEmail())) {
            jdbc.sql("""
                    insert into account_cc_email (biller_id, account_number, email) values (?, ?, ?)
                    on conflict (biller_id, account_number) do update set email = excluded.email, updated_at = now()
                    """).params(bid, accountNumber, after.ccEmail()).update();
            changed = true;
        }
        return changed;
    }
}
