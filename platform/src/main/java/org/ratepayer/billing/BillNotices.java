package org.ratepayer.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the notices of bills (docs/notices.md) read of billing: the files whose new bills are owed a bill-ready email,
 * those bills, and the open bills whose notify dates (FileSpecIds 2004-2006) fall in a range.
 */
@Repository
public class BillNotices {

    private final JdbcClient jdbc;

    public BillNotices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A bill as its notices tell it. {@code accountEmail} is the account's own address field as the file last set it. */
    public record Bill(long invoiceId, String invoiceNumber, String accountNumber, String status, LocalDate invoiceDate,
            LocalDate dueDate, BigDecimal totalAmountDue, String accountEmail) {
    }

    /** A bill with its notify dates (any may be null) and when it was last written by an import. */
    public record RemindedBill(Bill bill, LocalDate firstNotify, LocalDate secondNotify, LocalDate thirdNotify,
            java.time.OffsetDateTime importedAt) {
    }

    /** Files of the biller whose bill-ready emails are owed, oldest first. */
    public List<Long> owedFiles(long bid) {
        return jdbc.sql("select file_id from invoice_file where biller_id = ? and bill_ready_owed order by file_id")
                .param(bid).query(Long.class).list();
    }

    /**
     * The bills the file brought in for the first time, not replaced ones (an invoice number imported before keeps its
     * first creation time, and was told about then) and not SUPERSEDED ones, in invoice_id order from {@code afterInvoiceId}.
     */
    public List<Bill> newBills(long bid, long fileId, long afterInvoiceId, int limit) {
        return jdbc.sql("""
                select i.invoice_id, i.invoice_number, i.account_number, i.status, i.invoice_date, i.due_date, i.total_amount_due,
                       a.email
                from invoice i
                join invoice_file f on f.file_id = i.file_id
                join account a on a.biller_id = i.biller_id and a.account_number = i.account_number
                where i.biller_id = ? and i.file_id = ? and i.invoice_id > ?
                  and i.created_at = f.received_at and i.status <> 'SUPERSEDED'
                order by i.invoice_id
                limit ?
                """).params(bid, fileId, afterInvoiceId, limit)
                .query((rs, n) -> bill(rs)).list();
    }

    /** The file's bill-ready emails are all in the ledger. */
    public void billReadyDone(long bid, long fileId) {
        jdbc.sql("update invoice_file set bill_ready_owed = false where biller_id = ? and file_id = ?").params(bid, fileId).update();
    }

    /** Open (or partly paid) bills with a notify date from {@code from} to {@code to}, both included. */
    public List<RemindedBill> withNotifyDateBetween(long bid, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select i.invoice_id, i.invoice_number, i.account_number, i.status, i.invoice_date, i.due_date, i.total_amount_due,
                       a.email, i.first_notify_date, i.second_notify_date, i.third_notify_date, i.updated_at
                from invoice i
                join account a on a.biller_id = i.biller_id and a.account_number = i.account_number
                where i.biller_id = ? and i.status in ('OPEN', 'PARTIALLY_PAID')
                  and (i.first_notify_date between ? and ? or i.second_notify_date between ? and ? or i.third_notify_date between ? and ?)
                order by i.invoice_id
                """).params(bid, from, to, from, to, from, to)
                .query((rs, n) -> new RemindedBill(bill(rs), rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class),
                        rs.getObject(11, LocalDate.class), rs.getObject(12, java.time.OffsetDateTime.class)))
                .list();
    }

    private static Bill bill(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Bill(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class),
                rs.getObject(6, LocalDate.class), rs.getBigDecimal(7), rs.getString(8));
    }
}
