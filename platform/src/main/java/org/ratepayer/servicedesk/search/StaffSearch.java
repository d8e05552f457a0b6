package org.ratepayer.servicedesk.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.servicedesk.search.QueryShape.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff search box (docs/staff-search.md): the box is read by its shape ({@link QueryShape}), each kind it may be
 * is looked up with its own indexed query, and the hits are listed kind by kind, most likely first, each row once.
 * Every query names the biller: one biller's staff never see another's accounts, invoices or payments.
 *
 * <p>It reads the account, invoice and payment tables directly, as a report does: a search row joins all three, and
 * going through each module's service would cost a round trip per hit where the benchmark allows 100 ms at p99 for
 * the whole page (bench/staff-search.sh). It never writes.
 */
@Service
public class StaffSearch {

    /** The deepest a search pages: past this, a narrower box or filter finds it faster than paging. */
    public static final int MAX_RESULTS = 1000;
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 25;

    private static final String ACCOUNT_COLUMNS = """
            a.account_number, a.customer_name, a.email, a.phone,
            null::text invoice_number, null::date invoice_date, null::date due_date, null::numeric total_amount_due,
            null::text invoice_status, null::uuid payment_guid, null::timestamptz paid_at, null::numeric amount,
            null::text channel, null::text method, null::text payment_status, null::text card_brand, null::text last4,
            null::text approval_code, null::text taken_by""";
    private static final String INVOICE_COLUMNS = """
            a.account_number, a.customer_name, a.email, a.phone,
            i.invoice_number, i.invoice_date, i.due_date, i.total_amount_due, i.status invoice_status,
            null::uuid payment_guid, null::timestamptz paid_at, null::numeric amount, null::text channel, null::text method,
            null::text payment_status, null::text card_brand, null::text last4, null::text approval_code, null::text taken_by""";
    private static final String PAYMENT_COLUMNS = """
            a.account_number, a.customer_name, a.email, a.phone,
            null::text invoice_number, null::date invoice_date, null::date due_date, null::numeric total_amount_due,
            null::text invoice_status, p.payment_guid, p.created_at paid_at, p.amount, p.channel, p.method,
            p.status payment_status, p.card_brand, p.last4, p.approval_code, p.taken_by""";
    private static final String PAYMENT_FROM = " from payment p join account a on a.biller_id = p.biller_id and a.account_number = p.account_number"
            + " where p.biller_id = :bid";

    private final JdbcClient jdbc;
    private final BillerService billers;

    public StaffSearch(JdbcClient jdbc, BillerService billers) {
        this.jdbc = jdbc;
        this.billers = billers;
    }

    /**
     * @param box    what was typed; empty for the filters alone (then the newest matching payments)
     * @param page   from 1
     * @param size   1 to {@link #MAX_SIZE}
     * @throws BadRequestException naming {@code q}, {@code page}, {@code size} or {@code to} when one is out of range
     */
    @Transactional(readOnly = true)
    public SearchPage search(long bid, String box, SearchFilter filter, int page, int size) {
        QueryShape.Reading reading;
        try {
            reading = QueryShape.read(box);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("q", "at most " + QueryShape.MAX_LENGTH + " characters");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequestException("size", "from 1 to " + MAX_SIZE);
        }
        if (page < 1 || (long) page * size > MAX_RESULTS) {
            throw new BadRequestException("page", "from 1 to " + MAX_RESULTS / size + " at " + size + " a page; narrow the search to see more");
        }
        SearchFilter f = filter == null ? SearchFilter.NONE : filter;
        if (f.from() != null && f.to() != null && f.to().isBefore(f.from())) {
            throw new BadRequestException("to", "must not be before from");
        }
        int wanted = page * size + 1;
        Map<String, Object> params = params(bid, reading.term(), f);
        Map<String, SearchHit> merged = new LinkedHashMap<>();
        if (reading.kinds().isEmpty()) {
            add(merged, query(null, "select " + PAYMENT_COLUMNS + PAYMENT_FROM + paymentFilter(f)
                    + " order by p.created_at desc, p.payment_id desc limit :limit", params, wanted));
        }
        for (Kind kind : reading.kinds()) {
            if (merged.size() >= wanted) {
                break;
            }
            for (String sql : sql(kind, reading.term(), f)) {
                add(merged, query(kind, sql, params, wanted));
            }
        }
        List<SearchHit> all = new ArrayList<>(merged.values());
        int from = Math.min(all.size(), (page - 1) * size);
        int to = Math.min(all.size(), page * size);
        return new SearchPage(reading, all.subList(from, to), page, size, all.size() > page * size);
    }

    private static void add(Map<String, SearchHit> merged, List<SearchHit> hits) {
        for (SearchHit h : hits) {
            merged.putIfAbsent(h.identity(), h);
        }
    }

    private List<SearchHit> query(Kind kind, String sql, Map<String, Object> params, int limit) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("limit", limit);
        return jdbc.sql(sql).params(p).query((rs, n) -> hit(kind, rs)).list();
    }

    /** The queries for one kind, in the order their hits are listed. */
    private static List<String> sql(Kind kind, String term, SearchFilter f) {
        String accountHasPayment = f.any() ? " and (exists (select 1 from payment p where p.biller_id = a.biller_id"
                + " and p.account_number = a.account_number" + paymentFilter(f) + ") or exists (select 1 from payment_allocation pa"
                + " join payment p on p.payment_id = pa.payment_id where pa.biller_id = a.biller_id and pa.account_number = a.account_number"
                + paymentFilter(f) + "))" : "";
        String accounts = "select " + ACCOUNT_COLUMNS + " from account a where a.biller_id = :bid";
        return switch (kind) {
            // the account with that number, or the one a conversion renumbered it to when no account has it now: a CSR
            // may be given the number from a bill printed before the conversion (docs/conversion-old-numbers.md)
            case ACCOUNT_NUMBER -> List.of(accounts + " and a.account_number = coalesce((select r.new_account_number"
                    + " from account_renumbering r where r.biller_id = :bid and r.old_account_number = :term and not exists"
                    + " (select 1 from account x where x.biller_id = :bid and x.account_number = :term)), :term)"
                    + accountHasPayment + " limit :limit");
            case INVOICE_NUMBER -> List.of("select " + INVOICE_COLUMNS + " from invoice i join account a on a.biller_id = i.biller_id"
                    + " and a.account_number = i.account_number where i.biller_id = :bid and i.invoice_number = :term"
                    + (f.any() ? " and exists (select 1 from payment p where p.biller_id = i.biller_id and p.account_number = i.account_number"
                            + " and p.invoice_number = i.invoice_number" + paymentFilter(f) + ")" : "")
                    + " limit :limit");
            case PAYMENT_GUID -> List.of("select " + PAYMENT_COLUMNS + PAYMENT_FROM + " and (p.payment_guid = :guid or p.payment_id ="
                    + " (select pa.payment_id from payment_allocation pa where pa.allocation_guid = :guid and pa.biller_id = :bid))"
                    + paymentFilter(f) + " limit :limit");
            case CONFIRMATION -> List.of("select " + PAYMENT_COLUMNS + PAYMENT_FROM + " and p.approval_code = :term" + paymentFilter(f)
                    + " order by p.created_at desc, p.payment_id desc limit :limit");
            // saved methods and autopay first: an account found by its card even when the card never paid here
            case LAST4 -> List.of(accounts + " and a.account_number in (select e.account_number from autopay_enrolment e"
                            + " where e.biller_id = :bid and e.last4 = :term union select pa.account_number from payer_method m"
                            + " join payer_account pa on pa.user_id = m.user_id and pa.biller_id = m.biller_id"
                            + " where m.biller_id = :bid and m.last4 = :term and m.removed_at is null)" + accountHasPayment
                            + " order by a.account_number limit :limit",
                    "select " + PAYMENT_COLUMNS + PAYMENT_FROM + " and p.last4 = :term" + paymentFilter(f)
                            + " order by p.created_at desc, p.payment_id desc limit :limit");
            case EMAIL -> {
                // an account's address from its beginning (a whole one is the same range, ending at once); a portal
                // user's anywhere in it
                String accountMatch = " and lower(a.email) ~>=~ :from_text and lower(a.email) ~<=~ :to_text and lower(a.email) like :prefix";
                String userMatch = QueryShape.wholeEmail(term) ? " = :lower" : " like :contains";
                yield List.of(accounts + accountMatch + accountHasPayment + " order by a.account_number limit :limit",
                        accounts + " and a.account_number in (select pa.account_number from payer_user u join payer_account pa"
                                + " on pa.user_id = u.user_id and pa.biller_id = u.biller_id where u.biller_id = :bid and lower(u.email)"
                                + userMatch + ")" + accountHasPayment + " order by a.account_number limit :limit");
            }
            case PHONE -> List.of(accounts + " and a.phone is not null and right(regexp_replace(a.phone, '[^0-9]', '', 'g'), 10) = :phone"
                    + accountHasPayment + " order by a.account_number limit :limit");
            // the whole name from its beginning ("ann lee", "doe, pat"), then its last word ("lee" finds Ann Lee and
            // Bo Leeson); both are index ranges (V35), never a scan of the biller's accounts
            case NAME -> List.of(accounts + " and lower(a.customer_name) ~>=~ :from_text and lower(a.customer_name) ~<=~ :to_text"
                            + " and lower(a.customer_name) like :prefix" + accountHasPayment
                            + " order by a.customer_name, a.account_number limit :limit",
                    accounts + " and lower(regexp_replace(btrim(a.customer_name), '^.*\\s', '')) ~>=~ :from_text"
                            + " and lower(regexp_replace(btrim(a.customer_name), '^.*\\s', '')) ~<=~ :to_text" + accountHasPayment
                            + " order by a.customer_name, a.account_number limit :limit");
        };
    }

    /** The filters as conditions on {@code p}; each is a parameter, never spliced text. */
    private static String paymentFilter(SearchFilter f) {
        StringBuilder s = new StringBuilder();
        if (f.channel() != null) {
            s.append(" and p.channel = :channel");
        }
        if (f.method() != null) {
            s.append(" and p.method = :method");
        }
        if (f.status() != null) {
            s.append(" and p.status = :status");
        }
        if (f.from() != null) {
            s.append(" and p.created_at >= :from");
        }
        if (f.to() != null) {
            s.append(" and p.created_at < :before");
        }
        return s.toString();
    }

    private Map<String, Object> params(long bid, String term, SearchFilter f) {
        Map<String, Object> p = new HashMap<>();
        p.put("bid", bid);
        p.put("term", term);
        String lower = term.toLowerCase(java.util.Locale.ROOT);
        p.put("lower", lower);
        // a prefix as a byte-order range: from the text itself to the text followed by the highest code point
        p.put("from_text", lower);
        p.put("to_text", lower + "\uDBFF\uDFFF");
        p.put("prefix", escapeLike(lower) + "%");
        p.put("contains", "%" + term.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        String digits = term.replaceAll("[^0-9]", "");
        p.put("phone", digits.length() > 10 ? digits.substring(digits.length() - 10) : digits);
        p.put("guid", guid(term));
        if (f.channel() != null) {
            p.put("channel", f.channel().name());
        }
        if (f.method() != null) {
            p.put("method", f.method().name());
        }
        if (f.status() != null) {
            p.put("status", f.status().name());
        }
        if (f.from() != null || f.to() != null) {
            ZoneId zone = billers.cachedConfig(bid).timeZone();
            if (f.from() != null) {
                p.put("from", f.from().atStartOfDay(zone).toOffsetDateTime());
            }
            if (f.to() != null) {
                p.put("before", f.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
            }
        }
        return p;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static UUID guid(String term) {
        try {
            return term.length() == 36 ? UUID.fromString(term) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SearchHit hit(Kind kind, ResultSet rs) throws SQLException {
        SearchHit.InvoiceHit invoice = rs.getString("invoice_number") == null ? null
                : new SearchHit.InvoiceHit(rs.getString("invoice_number"), rs.getObject("invoice_date", java.time.LocalDate.class),
                        rs.getObject("due_date", java.time.LocalDate.class), rs.getBigDecimal("total_amount_due"), rs.getString("invoice_status"));
        SearchHit.PaymentHit payment = rs.getObject("payment_guid") == null ? null
                : new SearchHit.PaymentHit(rs.getObject("payment_guid", UUID.class), rs.getObject("paid_at", OffsetDateTime.class),
                        rs.getBigDecimal("amount"), Channel.valueOf(rs.getString("channel")), Method.valueOf(rs.getString("method")),
                        PaymentStatus.valueOf(rs.getString("payment_status")), rs.getString("card_brand"), rs.getString("last4"),
                        rs.getString("approval_code"), rs.getString("taken_by"));
        return new SearchHit(kind, rs.getString("account_number"), rs.getString("customer_name"), rs.getString("email"),
                rs.getString("phone"), invoice, payment);
    }
}
