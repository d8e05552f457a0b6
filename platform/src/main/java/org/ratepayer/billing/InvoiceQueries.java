package org.ratepayer.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of accounts and invoices; every query is scoped to one biller. */
@Repository
public class InvoiceQueries {

    private final JdbcClient jdbc;

    public InvoiceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param blockCc      the CIS's flag, from its last answer or invoice file
     * @param staffBlockCc the biller's staff's own block, which holds whatever the CIS says (docs/staff-search.md)
     */
    public record Account(String accountNumber, String customerNumber, String customerName, String address1, String address2,
            String city, String state, String zip, String phone, String email, String displayAccountNumber,
            boolean blockCc, boolean blockAch,
            // not on the invoices API, whose blockCc has always been the CIS's: the balance API answers the union
            @com.fasterxml.jackson.annotation.JsonIgnore boolean staffBlockCc,
            @com.fasterxml.jackson.annotation.JsonIgnore boolean staffBlockAch) {
    }

    public record Line(int lineNo, String description, BigDecimal amount) {
    }

    public record Invoice(String invoiceNumber, String accountNumber, String status, LocalDate invoiceDate, LocalDate dueDate,
            BigDecimal totalAmountDue, BigDecimal pastDue, Boolean allowPartialPayments, LocalDate paymentExpirationDate,
            String paymentExpirationMessage, Integer invoiceTypeId, String custom2, String custom3, String custom4,
            String custom9, String custom10, BigDecimal ccServiceFee, BigDecimal achServiceFee, long fileId, List<Line> lines,
            UUID invoiceFormatGuid) {
    }

    public Optional<Account> account(long bid, String accountNumber) {
        return Optional.ofNullable(accounts(bid, List.of(accountNumber)).get(accountNumber));
    }

    /** The biller's accounts among these numbers, by number; a number the biller has no account for is not in it. */
    public Map<String, Account> accounts(long bid, Collection<String> accountNumbers) {
        Map<String, Account> found = new LinkedHashMap<>();
        jdbc.sql("""
                select account_number, customer_number, customer_name, address1, address2, city, state, zip, phone, email,
                       display_account_number, block_cc, block_ach, staff_block_cc, staff_block_ach
                from account where biller_id = ? and account_number = any(?)
                """).params(bid, accountNumbers.toArray(String[]::new))
                .query(rs -> {
                    Account a = new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14),
                            rs.getBoolean(15));
                    found.put(a.accountNumber(), a);
                });
        return found;
    }

    /** All of an account's invoices, newest first, each with its detail lines. */
    public List<Invoice> invoices(long bid, String accountNumber) {
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                select l.invoice_number, l.line_no, l.description, l.amount
                from invoice_line l join invoice i on i.biller_id = l.biller_id and i.invoice_number = l.invoice_number
                where i.biller_id = ? and i.account_number = ?
                order by l.invoice_number, l.line_no
                """).params(bid, accountNumber)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Line(rs.getInt(2), rs.getString(3), rs.getBigDecimal(4)));
                });
        return heads(bid, accountNumber, lines);
    }

    /** All of an account's invoices, newest first, without their detail lines: for lists, which never show them. */
    public List<Invoice> invoicesWithoutLines(long bid, String accountNumber) {
        return heads(bid, accountNumber, Map.of());
    }

    /**
     * The invoices of several accounts at once, without their lines, by account, each account's newest first: a page
     * listing every account of a payer asks once instead of once per account.
     */
    public Map<String, List<Invoice>> invoicesWithoutLines(long bid, Collection<String> accountNumbers) {
        Map<String, List<Invoice>> byAccount = new LinkedHashMap<>();
        accountNumbers.forEach(a -> byAccount.put(a, new ArrayList<>()));
        headsOf(bid, accountNumbers, Map.of()).forEach(i -> byAccount.get(i.accountNumber()).add(i));
        return byAccount;
    }

    private List<Invoice> heads(long bid, String accountNumber, Map<String, List<Line>> lines) {
        return headsOf(bid, List.of(accountNumber), lines);
    }

    private List<Invoice> headsOf(long bid, Collection<String> accountNumbers, Map<String, List<Line>> lines) {
        return jdbc.sql("""
                select invoice_number, account_number, status, invoice_date, due_date, total_amount_due, past_due,
                       allow_partial_payments, payment_expiration_date, payment_expiration_message, invoice_type_id,
                       custom2, custom3, custom4, custom9, custom10, cc_service_fee, ach_service_fee, file_id,
                       invoice_format_guid
                from invoice where biller_id = ? and account_number = any(?)
                order by invoice_date desc, invoice_id desc
                """).params(bid, accountNumbers.toArray(String[]::new))
                .query((rs, n) -> new Invoice(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getBigDecimal(6),
                        rs.getBigDecimal(7), (Boolean) rs.getObject(8), rs.getObject(9, LocalDate.class), rs.getString(10),
                        (Integer) rs.getObject(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                        rs.getString(16), rs.getBigDecimal(17), rs.getBigDecimal(18), rs.getLong(19),
                        lines.getOrDefault(rs.getString(1), List.of()), rs.getObject(20, UUID.class)))
                .list();
    }

    /** An account's base and sub numbers (Custom2 and Custom3) as its latest invoice carries them (docs/cis-account-number.md). */
    public record BaseAndSub(String base, String sub) {
    }

    /** Empty for an account without invoices; the account table keeps only the file's account number. */
    public Optional<BaseAndSub> baseAndSub(long bid, String accountNumber) {
        return jdbc.sql("""
                select custom2, custom3 from invoice where biller_id = ? and account_number = ?
                order by invoice_date desc, invoice_id desc limit 1
                """).params(bid, accountNumber)
                .query((rs, n) -> new BaseAndSub(rs.getString(1), rs.getString(2)))
                .optional();
    }

    public long invoiceCount(long bid) {
        return jdbc.sql("select count(*) from invoice where biller_id = ?").param(bid).query(Long.class).single();
    }

    public long accountCount(long bid) {
        return jdbc.sql("select count(*) from account where biller_id = ?").param(bid).query(Long.class).single();
    }
}
