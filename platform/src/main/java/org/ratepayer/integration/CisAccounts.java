package org.ratepayer.integration;

import org.ratepayer.cis.AccountParts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account's base and sub numbers (Custom2 and Custom3) as its latest invoice carries them: the
 * account table keeps only the file's account number, and a connector may name accounts by the two
 * parts (docs/cis-account-number.md).
 */
@Component
public class CisAccounts {

    private final JdbcClient jdbc;

    public CisAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@link AccountParts#UNKNOWN} for an account without invoices. */
    public AccountParts parts(long bid, String accountNumber) {
        return jdbc.sql("""
                select custom2, custom3 from invoice where biller_id = ? and account_number = ?
                order by invoice_date desc, invoice_id desc limit 1
                """).params(bid, accountNumber)
                .query((rs, n) -> new AccountParts(rs.getString(1), rs.getString(2)))
                .optional().orElse(AccountParts.UNKNOWN);
    }
}
