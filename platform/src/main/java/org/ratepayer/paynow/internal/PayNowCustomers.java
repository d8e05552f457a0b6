package org.ratepayer.paynow.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accounts and invoices a Pay Now request names (CreateCustomerRecord): read, created, or brought up
 * to the partner's values. Called inside the request's transaction, so a refused request leaves none of
 * them changed. Every statement is scoped to one biller.
 */
@Repository
class PayNowCustomers {

    private final JdbcClient jdbc;

    PayNowCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredInvoice(String accountNumber, String status, LocalDate dueDate, BigDecimal totalAmountDue,
            BigDecimal ccServiceFee, BigDecimal achServiceFee, BigDecimal minimumAmountDue, Boolean allowPartialPayments) {
    }

    boolean accountExists(long bid, String account) {
        return jdbc.sql("select 1 from account where biller_id = ? and account_number = ?").params(bid, account)
                .query(Integer.class).optional().isPresent();
    }

    /** Creates the account, or updates the fields the partner sent (absent ones keep their values). */
    void upsertAccount(long bid, PayNowRequest.Customer c) {
        jdbc.sql("""
                insert into account (biller_id, account_number, customer_name, address1, city, state, zip, email,
                                     display_account_number)
                values (?, ?, coalesce(?, ''), ?, ?, ?, ?, ?, ?)
                on conflict (biller_id, account_number) do update set
                    customer_name = coalesce(?, account.customer_name), address1 = coalesce(?, account.address1),
                    city = coalesce(?, account.city), state = coalesce(?, account.state), zip = coalesce(?, account.zip),
                    email = coalesce(?, account.email),
                    display_account_number = coalesce(?, account.display_account_number), updated_at = now()
                -- a partner re-sending the customer as it is (the usual case) writes nothing
                where (account.customer_name, account.address1, account.city, account.state, account.zip, account.email,
                       account.display_account_number)
                      is distinct from (coalesce(?, account.customer_name), coalesce(?, account.address1),
                       coalesce(?, account.city), coalesce(?, account.state), coalesce(?, account.zip),
                       coalesce(?, account.email), coalesce(?, account.display_account_number))
                """).params(bid, c.accountNumber(), c.name(), c.address(), c.city(), c.state(), c.zip(), c.emailAddress(),
                        c.displayAccountNumber(), c.name(), c.address(), c.city(), c.state(), c.zip(), c.emailAddress(),
                        c.displayAccountNumber(), c.name(), c.address(), c.city(), c.state(), c.zip(), c.emailAddress(),
                        c.displayAccountNumber())
                .update();
    }

    Optional<StoredInvoice> invoice(long bid, String invoiceNumber) {
        return jdbc.sql("""
                select account_number, status, due_date, total_amount_due, cc_service_fee, ach_service_fee,
                       minimum_amount_due, allow_partial_payments
                from invoice where biller_id = ? and invoice_number = ?
                """).params(bid, invoiceNumber)
                .query(PayNowCustomers::stored)
                .optional();
    }

    /** The account's newest invoice that is still to be paid, for a customer sent without invoices. */
    Optional<String> newestOpenInvoice(long bid, String account) {
        return jdbc.sql("""
                select invoice_number from invoice
                where biller_id = ? and account_number = ? and status in ('OPEN', 'PARTIALLY_PAID') and total_amount_due > 0
                order by invoice_date desc, invoice_id desc limit 1
                """).params(bid, account).query(String.class).optional();
    }

    /** A row in the file history for the invoices a request created: invoices need a source file, and this is theirs. */
    long requestFile(long bid, String name, String sha256, long size, String receivedBy) {
        return jdbc.sql("""
                insert into invoice_file (biller_id, file_name, sha256, size_bytes, source, received_by, outcome, finished_at)
                values (?, ?, ?, ?, 'CPV2', ?, 'IMPORTED', now()) returning file_id
                """).params(bid, name, sha256, size, receivedBy).query(Long.class).single();
    }

    void countFile(long fileId, int invoices, int accounts, BigDecimal total) {
        jdbc.sql("update invoice_file set invoices = ?, accounts = ?, total_amount = ? where file_id = ?")
                .params(invoices, accounts, total, fileId).update();
    }

    void insertInvoice(long bid, String account, long fileId, int line, PayNowRequest.Invoice i, LocalDate today) {
        LocalDate invoiceDate = i.invoiceDate() != null ? i.invoiceDate() : today;
        jdbc.sql("""
                insert into invoice (biller_id, invoice_number, account_number, file_id, file_line, status, invoice_type_id,
                                     invoice_date, due_date, total_amount_due, allow_partial_payments, minimum_amount_due,
                                     cc_service_fee, ach_service_fee)
                values (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(bid, i.invoiceNumber(), account, fileId, line, i.typeId(), invoiceDate,
                        i.dueDate() != null ? i.dueDate() : invoiceDate, i.balanceDue(), i.allowPartialPayments(),
                        i.minimumAmountDue(), i.ccServiceFee(), i.achServiceFee())
                .update();
    }

    /**
     * The partner's values replace the stored ones where given (its BalanceDue wins, docs/paynow.md). One
     * statement reads and updates: the invoice as it now is, or empty when the biller has no such invoice.
     * The caller refuses (and so rolls back) an invoice of another account.
     */
    Optional<StoredInvoice> updateInvoice(long bid, PayNowRequest.Invoice i) {
        return jdbc.sql("""
                update invoice set total_amount_due = coalesce(?, total_amount_due), invoice_type_id = coalesce(?, invoice_type_id),
                    invoice_date = coalesce(?, invoice_date), due_date = coalesce(?, due_date),
                    allow_partial_payments = coalesce(?, allow_partial_payments),
                    minimum_amount_due = coalesce(?, minimum_amount_due), cc_service_fee = coalesce(?, cc_service_fee),
                    ach_service_fee = coalesce(?, ach_service_fee), updated_at = now()
                where biller_id = ? and invoice_number = ?
                returning account_number, status, due_date, total_amount_due, cc_service_fee, ach_service_fee,
                          minimum_amount_due, allow_partial_payments
                """).params(i.balanceDue(), i.typeId(), i.invoiceDate(), i.dueDate(), i.allowPartialPayments(),
                        i.minimumAmountDue(), i.ccServiceFee(), i.achServiceFee(), bid, i.invoiceNumber())
                .query(PayNowCustomers::stored)
                .optional();
    }

    private static StoredInvoice stored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredInvoice(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), (Boolean) rs.getObject(8));
    }
}
