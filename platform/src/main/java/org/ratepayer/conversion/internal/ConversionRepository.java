package org.ratepayer.conversion.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.ratepayer.conversion.ConversionRun;
import org.ratepayer.conversion.CrossReference;
import org.ratepayer.conversion.ExportRow;
import org.ratepayer.payers.Invitations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The conversion's SQL. Set-based over the whole biller: a conversion moves hundreds of thousands of accounts in one
 * transaction, which calls account by account into each module could not do in a maintenance window
 * (docs/conversion.md, "Why set-based SQL").
 */
@Repository
public class ConversionRepository {

    /** The prefix a re-keyed number wears between the two passes of a chain or a swap (never in a real number: a control character). */
    static final String PARKED = "\u0001";

    private final JdbcClient jdbc;
    private final AccountTables tables;
    private final ObjectMapper json = new ObjectMapper();

    public ConversionRepository(JdbcClient jdbc, AccountTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    public boolean billerExists(long bid) {
        return jdbc.sql("select exists (select 1 from biller where biller_id = ?)").param(bid).query(Boolean.class).single();
    }

    public Optional<String> setting(long bid, int settingId) {
        return jdbc.sql("select value from biller_setting where biller_id = ? and setting_id = ?").params(bid, settingId)
                .query(String.class).optional();
    }

    public Set<String> accountNumbers(long bid) {
        return new HashSet<>(jdbc.sql("select account_number from account where biller_id = ?").param(bid).query(String.class).list());
    }

    public long accountCount(long bid) {
        return jdbc.sql("select count(*) from account where biller_id = ?").param(bid).query(Long.class).single();
    }

    /**
     * The export, one row per account in account order: the default method is the autopay's, else the default saved method
     * of the account's first user, else (after a conversion) the default one held for whoever registers it again.
     */
    public void export(long bid, Consumer<ExportRow> each) {
        jdbc.sql("""
                select a.account_number, a.customer_name,
                       coalesce(a.email, (select u.email from payer_account pa join payer_user u on u.user_id = pa.user_id
                                          where pa.biller_id = a.biller_id and pa.account_number = a.account_number
                                          order by pa.linked_at, pa.user_id limit 1)) as email,
                       coalesce(pe.enrolled, false) as paperless, ae.account_number is not null as autopay,
                       coalesce(ae.method, dm.method, hm.method) as method, coalesce(ae.last4, dm.last4, hm.last4) as last4,
                       coalesce(sp.n, 0) as sp_n, coalesce(sp.total, 0) as sp_total, coalesce(iv.n, 0) as iv_n,
                       coalesce(iv.total, 0) as iv_total, coalesce(py.n, 0) as py_n, coalesce(py.total, 0) as py_total
                from account a
                left join paperless_enrolment pe on pe.biller_id = a.biller_id and pe.account_number = a.account_number
                left join autopay_enrolment ae on ae.biller_id = a.biller_id and ae.account_number = a.account_number
                left join lateral (select m.method, m.last4 from payer_account pa
                                   join payer_method m on m.user_id = pa.user_id and m.is_default and m.removed_at is null
                                   where pa.biller_id = a.biller_id and pa.account_number = a.account_number
                                   order by pa.linked_at, pa.user_id limit 1) dm on true
                left join lateral (select h.method, h.last4 from conversion_held_method h
                                   where h.biller_id = a.biller_id and h.account_number = a.account_number and h.was_default
                                   order by h.held_id desc limit 1) hm on true
                left join (select account_number, count(*) as n, sum(amount) as total from scheduled_payment
                           where biller_id = :bid and status = 'SCHEDULED' group by account_number) sp on sp.account_number = a.account_number
                left join (select account_number, count(*) as n, sum(total_amount_due) as total from invoice
                           where biller_id = :bid group by account_number) iv on iv.account_number = a.account_number
                left join (select account_number, count(*) as n, sum(amount) as total from payment_allocation
                           where biller_id = :bid group by account_number) py on py.account_number = a.account_number
                where a.biller_id = :bid
                order by a.account_number
                """).param("bid", bid).query(rs -> {
                    each.accept(new ExportRow(rs.getString("customer_name"), rs.getString("account_number"), rs.getString("email"),
                            rs.getBoolean("paperless"), rs.getBoolean("autopay"), ExportRow.methodType(rs.getString("method")),
                            rs.getString("last4"), rs.getInt("sp_n"), money(rs.getBigDecimal("sp_total")), rs.getInt("iv_n"),
                            money(rs.getBigDecimal("iv_total")), rs.getInt("py_n"), money(rs.getBigDecimal("py_total"))));
                });
    }

    private static BigDecimal money(BigDecimal b) {
        return b.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /**
     * A checksum of the biller's state that a plan depends on: its account numbers, the rows of every re-keyed table
     * (log tables aside, docs/conversion.md), and the content of the enrolments and registrations it keeps.
     */
    public String stateChecksum(long bid) {
        StringBuilder sb = new StringBuilder();
        sb.append("accounts=").append(jdbc.sql("select coalesce(md5(string_agg(account_number, ',' order by account_number)), '') "
                + "from account where biller_id = ?").param(bid).query(String.class).single()).append('\n');
        for (String t : tables.reKeyed()) {
            if (!AccountTables.LOGS.contains(t)) {
                sb.append(t).append('=').append(jdbc.sql("select count(*) from " + quote(t) + " where biller_id = ?").param(bid)
                        .query(Long.class).single()).append('\n');
            }
        }
        for (String[] content : new String[][] {
                {"paperless_enrolment", "account_number || ':' || enrolled", "account_number"},
                {"autopay_enrolment", "account_number || ':' || method || ':' || method_token || ':' || coalesce(last4, '')", "account_number"},
                {"scheduled_payment", "scheduled_payment_id || ':' || status || ':' || amount", "scheduled_payment_id"},
                {"payer_account", "user_id || ':' || account_number", "user_id, account_number"}}) {
            sb.append(content[0]).append(":content=").append(jdbc.sql("select coalesce(md5(string_agg(" + content[1] + ", ',' order by "
                    + content[2] + ")), '') from " + content[0] + " where biller_id = ?").param(bid).query(String.class).single())
                    .append('\n');
        }
        sb.append("held_methods=").append(jdbc.sql("select count(*) from conversion_held_method where biller_id = ?").param(bid)
                .query(Long.class).single()).append('\n');
        return sha256(sb.toString());
    }

    /** Rows of each re-keyed table naming one of the accounts, plus the saved methods of their users: what apply will move. */
    public Map<String, Long> moves(long bid) {
        Map<String, Long> moves = new LinkedHashMap<>();
        for (String t : tables.reKeyed()) {
            moves.put(t, jdbc.sql("select count(*) from " + quote(t) + " where biller_id = ?").param(bid).query(Long.class).single());
        }
        moves.put("payer_method (held for re-registration)", jdbc.sql("""
                select count(*) from payer_account pa join payer_method m on m.user_id = pa.user_id and m.removed_at is null
                where pa.biller_id = ?""").param(bid).query(Long.class).single());
        return moves;
    }

    // ---- apply and rollback: each call below runs inside the conversion's one transaction ----

    /** Fills this transaction's mapping table, dropped at its end. */
    public void loadMapping(List<Pair> pairs) {
        jdbc.sql("""
                create temporary table conversion_map (old_number text primary key, new_number text not null unique,
                    custom2 text, custom3 text) on commit drop""").update();
        int batch = 50_000;
        for (int i = 0; i < pairs.size(); i += batch) {
            List<Pair> part = pairs.subList(i, Math.min(pairs.size(), i + batch));
            jdbc.sql("insert into conversion_map select * from unnest(?::text[], ?::text[], ?::text[], ?::text[])")
                    .params(part.stream().map(Pair::oldNumber).toArray(String[]::new), part.stream().map(Pair::newNumber).toArray(String[]::new),
                            part.stream().map(Pair::custom2).toArray(String[]::new), part.stream().map(Pair::custom3).toArray(String[]::new))
                    .update();
        }
        jdbc.sql("analyze conversion_map").update();
    }

    /** One account's change as the mapping table holds it; the parts are null when not given or when nothing changes them. */
    public record Pair(String oldNumber, String newNumber, String custom2, String custom3) {
        public static Pair of(CrossReference.Mapping m) {
            return new Pair(m.oldNumber(), m.newNumber(), m.custom2(), m.custom3());
        }
    }

    public void deferAccountKeys() {
        jdbc.sql("set constraints all deferred").update();
    }

    public long insertRun(long bid, String checksum, int accounts, String actor, OffsetDateTime at, boolean invitePayers) {
        return jdbc.sql("""
                insert into conversion_run (biller_id, plan_checksum, accounts, counts, status, actor, started_at, finished_at,
                                            last_file_id, last_payment_id, invite_payers)
                values (?, ?, ?, '{}'::jsonb, 'APPLIED', ?, ?, ?, (select max(file_id) from invoice_file where biller_id = ?),
                        (select max(payment_id) from payment where biller_id = ?), ?) returning conversion_id""")
                .params(bid, checksum, accounts, actor, at, at, bid, bid, invitePayers).query(Long.class).single();
    }

    /**
     * Who holds which of the mapped accounts, read before {@link #unregister} deletes them: username, email address and
     * the account's old and new numbers, oldest link first (the invitation suggests the username).
     */
    public List<Invitations.Unregistered> registeredPayers(long bid) {
        return jdbc.sql("""
                select u.username, u.email, pa.account_number, c.new_number from payer_account pa
                join conversion_map c on c.old_number = pa.account_number
                join payer_user u on u.user_id = pa.user_id
                where pa.biller_id = ?
                order by c.new_number, pa.linked_at, pa.user_id""").param(bid)
                .query((rs, n) -> new Invitations.Unregistered(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    public void finishRun(long id, Map<String, Long> counts, OffsetDateTime at) {
        jdbc.sql("update conversion_run set counts = ?::jsonb, finished_at = ? where conversion_id = ?").params(toJson(counts), at, id).update();
    }

    /** Keeps the pairs, and what the conversion replaces beside the numbers, for a rollback. */
    public void recordPairs(long id, long bid) {
        jdbc.sql("""
                insert into conversion_pair (conversion_id, biller_id, old_account_number, new_account_number, old_custom2, old_custom3,
                                             old_display_number)
                select ?, ?, m.old_number, m.new_number, li.custom2, li.custom3, a.display_account_number
                from conversion_map m
                join account a on a.biller_id = ? and a.account_number = m.old_number
                left join lateral (select i.custom2, i.custom3 from invoice i where i.biller_id = ? and i.account_number = m.old_number
                                   order by i.invoice_date desc, i.invoice_id desc limit 1) li on true
                """).params(id, bid, bid, bid).update();
    }

    /**
     * Keeps the saved methods of every user of the accounts for whoever registers each account again, then takes the
     * accounts from their users and deletes the users left with none (their passwords with them: passwords never move).
     *
     * @return [methods held, links removed, users deleted]
     */
    public long[] unregister(long id, long bid) {
        long held = jdbc.sql("""
                insert into conversion_held_method (conversion_id, biller_id, account_number, former_user_id, method, token, brand, last4,
                                                    exp_month, exp_year, account_type, was_default)
                select ?, pa.biller_id, pa.account_number, m.user_id, m.method, m.token, m.brand, m.last4, m.exp_month, m.exp_year,
                       m.account_type, m.is_default
                from payer_account pa
                join conversion_map c on c.old_number = pa.account_number
                join payer_method m on m.user_id = pa.user_id and m.removed_at is null
                where pa.biller_id = ?""").params(id, bid).update();
        List<Long> users = jdbc.sql("""
                delete from payer_account pa using conversion_map c
                where pa.biller_id = ? and pa.account_number = c.old_number returning pa.user_id""").param(bid).query(Long.class).list();
        long links = users.size();
        long deleted = users.isEmpty() ? 0 : jdbc.sql("""
                delete from payer_user u where u.biller_id = ? and u.user_id = any(?)
                  and not exists (select 1 from payer_account pa where pa.user_id = u.user_id)""")
                .params(bid, users.stream().distinct().toArray(Long[]::new)).update();
        return new long[] {held, links, deleted};
    }

    /** Whether some new number is also an old one (a chain or a swap): then each table is re-keyed in two passes. */
    public boolean chained() {
        return jdbc.sql("select exists (select 1 from conversion_map a join conversion_map b on a.new_number = b.old_number)")
                .query(Boolean.class).single();
    }

    /** Re-keys one table's rows of the biller through the mapping table; the number of rows moved. */
    public long reKey(String table, long bid, boolean chained) {
        String t = quote(table);
        if (!chained) {
            return jdbc.sql("update " + t + " x set account_number = c.new_number from conversion_map c "
                    + "where x.biller_id = ? and x.account_number = c.old_number").param(bid).update();
        }
        // first every row to a parked number no real one can be, then all to their final numbers: a swap never meets itself
        long n = jdbc.sql("update " + t + " x set account_number = '" + PARKED + "' || c.new_number from conversion_map c "
                + "where x.biller_id = ? and x.account_number = c.old_number").param(bid).update();
        jdbc.sql("update " + t + " x set account_number = substr(x.account_number, 2) "
                + "where x.biller_id = ? and x.account_number like '" + PARKED + "%'").param(bid).update();
        return n;
    }

    /** The new base and sub on the converted accounts' invoices, where the file gave them; the shown number cleared. */
    public void newPartsAndDisplay(long bid) {
        jdbc.sql("""
                update invoice i set custom2 = c.custom2, custom3 = c.custom3 from conversion_map c
                where i.biller_id = ? and i.account_number = c.new_number and c.custom2 is not null""").param(bid).update();
        jdbc.sql("""
                update account a set display_account_number = null from conversion_map c
                where a.biller_id = ? and a.account_number = c.new_number and a.display_account_number is not null""").param(bid).update();
    }

    /**
     * Writes the old numbers beside the new: a row for every pair, an earlier conversion's row pointed on to the newest
     * number, and a row whose old number is a live account again deleted (it would send that account's payments elsewhere).
     */
    public void recordRenumbering(long id, long bid, OffsetDateTime at) {
        jdbc.sql("""
                delete from account_renumbering r using conversion_map c
                where r.biller_id = ? and r.old_account_number = c.new_number""").param(bid).update();
        jdbc.sql("""
                update account_renumbering r set new_account_number = c.new_number, conversion_id = ?, renumbered_at = ?
                from conversion_map c where r.biller_id = ? and r.new_account_number = c.old_number""").params(id, at, bid).update();
        jdbc.sql("""
                insert into account_renumbering (biller_id, old_account_number, new_account_number, conversion_id, renumbered_at)
                select ?, old_number, new_number, ?, ? from conversion_map
                on conflict (biller_id, old_account_number) do update set new_account_number = excluded.new_account_number,
                    conversion_id = excluded.conversion_id, renumbered_at = excluded.renumbered_at""").params(bid, id, at).update();
    }

    // ---- rollback ----

    public Optional<ConversionRun> latestRun(long bid) {
        return jdbc.sql("select * from conversion_run where biller_id = ? order by conversion_id desc limit 1").param(bid)
                .query(this::run).optional();
    }

    public Optional<ConversionRun> run(long bid, long id) {
        return jdbc.sql("select * from conversion_run where biller_id = ? and conversion_id = ?").params(bid, id).query(this::run).optional();
    }

    /** Invoice files imported and payments made since the run (by id: they are drawn in order): either closes the rollback window. */
    public List<String> activitySince(long id, long bid) {
        List<String> out = new ArrayList<>();
        long files = jdbc.sql("""
                select count(*) from invoice_file f, conversion_run r where r.conversion_id = ? and f.biller_id = ?
                  and f.outcome = 'IMPORTED' and f.file_id > coalesce(r.last_file_id, 0)""").params(id, bid).query(Long.class).single();
        long payments = jdbc.sql("""
                select count(*) from payment p, conversion_run r where r.conversion_id = ? and p.biller_id = ?
                  and p.payment_id > coalesce(r.last_payment_id, 0)""").params(id, bid).query(Long.class).single();
        if (files > 0) {
            out.add(files + " invoice file(s) imported");
        }
        if (payments > 0) {
            out.add(payments + " payment(s) made");
        }
        return out;
    }

    /** The run's pairs turned round (new to old), for the rollback's re-key. */
    public List<Pair> reversedPairs(long id) {
        return jdbc.sql("select new_account_number, old_account_number from conversion_pair where conversion_id = ?").param(id)
                .query((rs, n) -> new Pair(rs.getString(1), rs.getString(2), null, null)).list();
    }

    /** After the rollback's re-key (mapping new to old): the old parts and shown numbers back, the renumbering undone. */
    public void undoRecords(long id, long bid, String actor, OffsetDateTime at) {
        jdbc.sql("""
                update invoice i set custom2 = p.old_custom2, custom3 = p.old_custom3 from conversion_pair p
                where p.conversion_id = ? and i.biller_id = ? and i.account_number = p.old_account_number
                  and p.old_custom2 is not null""").params(id, bid).update();
        jdbc.sql("""
                update account a set display_account_number = p.old_display_number from conversion_pair p
                where p.conversion_id = ? and a.biller_id = ? and a.account_number = p.old_account_number""").params(id, bid).update();
        jdbc.sql("""
                delete from account_renumbering r using conversion_pair p
                where p.conversion_id = ? and r.biller_id = ? and r.old_account_number = p.old_account_number""").params(id, bid).update();
        // an earlier conversion's row this run pointed on: back to the number it pointed at before
        jdbc.sql("""
                update account_renumbering r set new_account_number = p.old_account_number from conversion_pair p
                where p.conversion_id = ? and r.biller_id = ? and r.conversion_id = ? and r.new_account_number = p.new_account_number""")
                .params(id, bid, id).update();
        jdbc.sql("update conversion_run set status = 'ROLLED_BACK', rolled_back_at = ?, rolled_back_by = ? where conversion_id = ?")
                .params(at, actor, id).update();
    }

    private ConversionRun run(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Map<String, Long> counts;
        try {
            counts = json.readValue(rs.getString("counts"), new TypeReference<LinkedHashMap<String, Long>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ConversionRun(rs.getLong("conversion_id"), rs.getLong("biller_id"), rs.getString("plan_checksum"), rs.getInt("accounts"),
                counts, rs.getString("status"), rs.getString("actor"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getObject("rolled_back_at", OffsetDateTime.class),
                rs.getString("rolled_back_by"), rs.getBoolean("invite_payers"));
    }

    /** The account's number now, through the renumbering record; itself when it was not renumbered. */
    public Map<String, String> currentNumbers(long bid) {
        Map<String, String> m = new java.util.HashMap<>();
        jdbc.sql("select old_account_number, new_account_number from account_renumbering where biller_id = ?").param(bid)
                .query(rs -> {
                    m.put(rs.getString(1), rs.getString(2));
                });
        return m;
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Table names come from the schema, never from a request; quoted all the same. */
    static String quote(String table) {
        return '"' + table.replace("\"", "\"\"") + '"';
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
