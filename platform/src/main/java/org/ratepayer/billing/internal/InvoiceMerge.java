package org.ratepayer.billing.internal;

import java.util.List;
import org.ratepayer.billing.AccountsChangedOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a staged invoice file into accounts, invoices and lines. Runs inside the import's
 * transaction, after the whole file was read and found valid.
 */
public final class InvoiceMerge {

    public record Counts(long accountsCreated, long accountsUpdated, long invoicesCreated, long invoicesReplaced, long superseded) {
    }

    /**
     * @param keepExistingEmail option 108
     * @param refreshedFlagsWin the biller refreshes balances from its CIS, so an account's block flags, once a refresh
     *                          set them, are the CIS's and a file never overrides them (docs/invoice-files.md)
     * @param autoConveyance    option 1011: a changed customer name conveys the account (docs/conveyance.md)
     */
    public record Rules(int defaultInvoiceType, boolean keepExistingEmail, boolean refreshedFlagsWin, boolean autoConveyance) {
    }

    private final JdbcClient jdbc;

    public InvoiceMerge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The existing accounts this file conveys to a new owner (docs/conveyance.md), read before {@link #merge} replaces
     * their names and emails: those flagged by the Conveyance field of any of their CR rows and, with {@code byName}
     * (option 1011), those whose last CR row names another customer ({@link CustomerNames}). One set-based query, and
     * none at all when nothing can match; a flagged account the file creates has no owner to take over from.
     *
     * @param anyFlag whether the stage holds a flagged row ({@link InvoiceStage#anyConveyance()})
     */
    public List<AccountsChangedOwner.Change> ownerChanges(long bid, boolean byName, boolean anyFlag) {
        if (!byName && !anyFlag) {
            return List.of();
        }
        // Names are compared as stored here only to leave out the many unchanged ones; CustomerNames decides the rest.
        return jdbc.sql("""
                with last as (
                    select distinct on (account_number) account_number, customer_name
                    from bif_stage where kind = 'I'
                    order by account_number, line desc
                ), flagged as (
                    select account_number from bif_stage where kind = 'I' and conveyance group by account_number
                )
                select l.account_number, a.customer_name as old_name, l.customer_name as new_name, a.email,
                       f.account_number is not null as flagged
                from last l
                join account a on a.biller_id = :bid and a.account_number = l.account_number
                left join flagged f on f.account_number = l.account_number
                where f.account_number is not null or (:byName and a.customer_name is distinct from l.customer_name)
                order by l.account_number
                """).param("bid", bid).param("byName", byName)
                .query((rs, n) -> new AccountsChangedOwner.Change(rs.getString("account_number"),
                        rs.getBoolean("flagged") ? AccountsChangedOwner.Cause.FLAG : AccountsChangedOwner.Cause.NAME_CHANGE,
                        rs.getString("old_name"), rs.getString("new_name"), rs.getString("email")))
                .list().stream()
                .filter(c -> c.cause() == AccountsChangedOwner.Cause.FLAG || CustomerNames.changed(c.oldCustomerName(), c.newCustomerName()))
                .toList();
    }

    /**
     * @param invoices how many invoices the stage holds (the reader counted them)
     */
    public Counts merge(long bid, long fileId, long invoices, Rules rules) {
        // Accounts: the last CR row of an account in the file wins. Columns the file leaves empty do not
        // erase what is known; option 108 keeps an existing email but still fills a missing one.
        // Accounts that existed before need the balance-forward check below; new ones with one invoice do not.
        jdbc.sql("create temp table bif_recheck (account_number text primary key) on commit drop").update();
        long[] accounts = jdbc.sql("""
                with up as (
                    insert into account as a (biller_id, account_number, customer_number, customer_name, address1, address2,
                                              city, state, zip, phone, email, display_account_number, block_cc, file_block_cc)
                    select distinct on (account_number) :bid, account_number, customer_number, customer_name, address1, address2,
                           city, state, zip, phone, email, display_account_number, coalesce(block_cc, false),
                           coalesce(block_cc, false)
                    from bif_stage where kind = 'I'
                    order by account_number, line desc
                    on conflict (biller_id, account_number) do update set
                        customer_number = coalesce(excluded.customer_number, a.customer_number),
                        customer_name = excluded.customer_name,
                        address1 = coalesce(excluded.address1, a.address1),
                        address2 = coalesce(excluded.address2, a.address2),
                        city = coalesce(excluded.city, a.city),
                        state = coalesce(excluded.state, a.state),
                        zip = coalesce(excluded.zip, a.zip),
                        phone = coalesce(excluded.phone, a.phone),
                        email = case when :keepEmail and coalesce(a.email, '') <> '' then a.email
                                     else coalesce(excluded.email, a.email) end,
                        display_account_number = coalesce(excluded.display_account_number, a.display_account_number),
                        file_block_cc = excluded.file_block_cc,
                        block_cc = case when :refreshedFlagsWin and exists (
                                            select 1 from account_balance r
                                            where r.biller_id = a.biller_id and r.account_number = a.account_number)
                                        then a.block_cc else excluded.block_cc end,
                        updated_at = now()
                    returning account_number, (xmax = 0) as created
                ), recheck as (
                    insert into bif_recheck select account_number from up where not created
                )
                select count(*), count(*) filter (where not created) from up
                """).param("bid", bid).param("keepEmail", rules.keepExistingEmail())
                .param("refreshedFlagsWin", rules.refreshedFlagsWin())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long accountsTotal = accounts[0];
        long accountsUpdated = accounts[1];
        if (accountsTotal < invoices) {
            // Some account has two invoices in this one file.
            jdbc.sql("""
                    insert into bif_recheck
                    select account_number from bif_stage where kind = 'I'
                    group by account_number having count(*) > 1
                    on conflict do nothing
                    """).update();
        }

        long invoicesReplaced = jdbc.sql("""
                with up as (
                    insert into invoice as i (biller_id, invoice_number, account_number, file_id, file_line, status,
                                              %1$s)
                    select :bid, invoice_number, account_number, :fileId, line, 'OPEN', %3$s
                    from bif_stage where kind = 'I'
                    on conflict (biller_id, invoice_number) do update set
                        account_number = excluded.account_number,
                        file_id = excluded.file_id,
                        file_line = excluded.file_line,
                        status = case when i.status in ('PAID', 'PARTIALLY_PAID') then i.status else 'OPEN' end,
                        %2$s,
                        updated_at = now()
                    returning invoice_number, account_number, (xmax = 0) as created
                ), replaced as (
                    select invoice_number, account_number from up where not created
                ), recheck as (
                    insert into bif_recheck select distinct account_number from replaced on conflict do nothing
                )
                select count(*) from replaced
                """.formatted(InvoiceStage.INVOICE_COLUMNS, updateAll(InvoiceStage.INVOICE_COLUMNS),
                        InvoiceStage.INVOICE_COLUMNS.replace("invoice_type_id", "coalesce(invoice_type_id, :defaultType)")))
                .param("bid", bid).param("fileId", fileId).param("defaultType", rules.defaultInvoiceType()).query(Long.class).single();

        if (invoicesReplaced > 0) {
            jdbc.sql("""
                    delete from invoice_line l using bif_stage s
                    where s.kind = 'I' and l.biller_id = :bid and l.invoice_number = s.invoice_number
                    """).param("bid", bid).update();
        }
        jdbc.sql("""
                insert into invoice_line (biller_id, invoice_number, line_no, description, amount)
                select :bid, invoice_number, line_no, description, amount from bif_stage where kind = 'L'
                """).param("bid", bid).update();

        long superseded = 0;
        long recheck = jdbc.sql("select count(*) from bif_recheck").query(Long.class).single();
        if (recheck > 0) {
            // Balance forward: only the newest invoice of an account stays open (options 40/41 act on that).
            // The temp table has no statistics until analysed, and without them the planner walks every invoice.
            jdbc.sql("analyze bif_recheck").update();
            superseded = jdbc.sql("""
                    update invoice i set status = 'SUPERSEDED', updated_at = now()
                    from bif_recheck r
                    where i.biller_id = :bid and i.account_number = r.account_number and i.status = 'OPEN'
                      and exists (select 1 from invoice n
                                  where n.biller_id = i.biller_id and n.account_number = i.account_number
                                    and (n.invoice_date, n.invoice_id) > (i.invoice_date, i.invoice_id))
                    """).param("bid", bid).update();
            jdbc.sql("""
                    update invoice i set status = 'OPEN', updated_at = now()
                    from bif_recheck r
                    where i.biller_id = :bid and i.account_number = r.account_number and i.status = 'SUPERSEDED'
                      and not exists (select 1 from invoice n
                                      where n.biller_id = i.biller_id and n.account_number = i.account_number
                                        and (n.invoice_date, n.invoice_id) > (i.invoice_date, i.invoice_id))
                    """).param("bid", bid).update();
        }
        return new Counts(accountsTotal - accountsUpdated, accountsUpdated, invoices - invoicesReplaced,
                invoicesReplaced, superseded);
    }

    private static String updateAll(String columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns.split(",")) {
            String col = c.trim();
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(col).append(" = excluded.").append(col);
        }
        return sb.toString();
    }
}
