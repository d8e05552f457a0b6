package org.ratepayer.bench;

import static org.ratepayer.bench.Report.say;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ratepayer.conversion.ConversionRun;
import org.ratepayer.conversion.Conversions;
import org.ratepayer.conversion.Progress;
import org.ratepayer.conversion.internal.AccountTables;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A conversion's apply (docs/conversion.md) over 500,000 accounts, 2,000,000 invoices and 1,000,000 payments of one
 * biller, against a plain {@code UPDATE … FROM} a mapping table of the same tables in one transaction, in the same run on
 * the same database. The target: apply at most twice the plain update's wall time.
 *
 * <p>The rows are made by SQL ({@code generate_series}); a tenth of the accounts have autopay, a third paperless, a
 * twentieth a payer with a saved card. The baseline runs first (old to new numbers), then the same statements take the
 * numbers back (not measured); each measured run starts after VACUUM ANALYZE, so neither pays for the other's dead rows.
 * Apply is measured alone (the plan is timed apart): it is what the maintenance window waits for.
 *
 * <p>Usage: {@code ConversionBench [--accounts N] [--invoices-per-account N] [--json FILE]}; payments are two per account.
 */
public final class ConversionBench {

    private static final double TARGET_RATIO = 2.0;

    private record Options(int accounts, int invoicesPerAccount, Path json) {
        static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                o.put(args[i], BenchPlatform.optionValue(args, i + 1));
            }
            return new Options(Integer.parseInt(o.getOrDefault("--accounts", "500000")),
                    Integer.parseInt(o.getOrDefault("--invoices-per-account", "4")), o.containsKey("--json") ? Path.of(o.get("--json")) : null);
        }
    }

    private ConversionBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = BenchPlatform.parseOrExit(args, Options::parse);
        BenchPlatform.runAndExit(null, false, 90, work -> run(work, o));
    }

    private static void run(Path work, Options o) throws Exception {
        try (ConfigurableApplicationContext ctx = BenchPlatform.start(work.resolve("data"), false, List.of())) {
            BenchPlatform.createBiller(ctx);
            long bid = BenchPlatform.BID;
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
            long loadStart = System.nanoTime();
            seed(jdbc, bid, o);
            double loadSeconds = Report.seconds(System.nanoTime() - loadStart);
            long invoices = o.accounts() * (long) o.invoicesPerAccount();
            long payments = o.accounts() * 2L;
            say("seeded %,d accounts, %,d invoices, %,d payments in %.1f s", o.accounts(), invoices, payments, loadSeconds);
            List<String> tables = ctx.getBean(AccountTables.class).reKeyed();

            vacuum(jdbc);
            long t0 = System.nanoTime();
            plainUpdate(tx, jdbc, bid, tables, "n || '-1'", "'D' || n");
            double baseline = Report.seconds(System.nanoTime() - t0);
            say("plain UPDATE … FROM of %d tables: %.1f s", tables.size(), baseline);
            plainUpdate(tx, jdbc, bid, tables, "'D' || n", "n || '-1'");
            vacuum(jdbc);

            StringBuilder xref = new StringBuilder("OldAccountNumber,NewAccountNumber\n");
            for (int n = 0; n < o.accounts(); n++) {
                xref.append(n).append("-1,D").append(n).append('\n');
            }
            Conversions conversions = ctx.getBean(Conversions.class);
            t0 = System.nanoTime();
            Conversions.PlanOutcome plan = conversions.plan(bid, xref.toString());
            double planSeconds = Report.seconds(System.nanoTime() - t0);
            if (plan.plan() == null) {
                throw new IllegalStateException("the plan was refused: " + plan.problems().subList(0, Math.min(5, plan.problems().size())));
            }
            say("plan: %.1f s", planSeconds);
            t0 = System.nanoTime();
            ConversionRun run = conversions.apply(plan.plan(), "bench", Progress.NONE);
            double apply = Report.seconds(System.nanoTime() - t0);
            long left = jdbc.sql("select count(*) from invoice where biller_id = ? and account_number like '%-1'").param(bid)
                    .query(Long.class).single();
            if (left != 0 || run.accounts() != o.accounts()) {
                throw new IllegalStateException("apply left " + left + " invoices with old numbers");
            }
            double ratio = apply / baseline;
            System.out.println();
            System.out.printf(Locale.ROOT, "Conversion of %,d accounts, %,d invoices, %,d payments (%d tables)%n", o.accounts(), invoices,
                    payments, tables.size());
            System.out.printf(Locale.ROOT, "  plain UPDATE … FROM  %8.1f s%n", baseline);
            System.out.printf(Locale.ROOT, "  convert apply        %8.1f s  (x%.2f; target <= x%.1f: %s)%n", apply, ratio, TARGET_RATIO,
                    ratio <= TARGET_RATIO ? "OK" : "OVER");
            System.out.printf(Locale.ROOT, "  convert plan         %8.1f s%n", planSeconds);

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "conversion");
            figures.put("accounts", o.accounts());
            figures.put("invoices", invoices);
            figures.put("payments", payments);
            figures.put("tables", tables.size());
            figures.put("load_seconds", Report.round(loadSeconds, 1));
            figures.put("baseline_plain_update_seconds", Report.round(baseline, 2));
            figures.put("apply_seconds", Report.round(apply, 2));
            figures.put("plan_seconds", Report.round(planSeconds, 2));
            figures.put("ratio", Report.round(ratio, 2));
            figures.put("target_ratio", TARGET_RATIO);
            figures.put("counts", run.counts());
            figures.put("load_average", Machine.loadAverage());
            figures.put("machine", Machine.describe());
            if (o.json() != null) {
                Report.writeJson(o.json(), figures);
            }
        }
    }

    /** The baseline: a mapping table and one UPDATE … FROM per table, foreign keys deferred to the commit, as apply does. */
    private static void plainUpdate(TransactionTemplate tx, JdbcClient jdbc, long bid, List<String> tables, String from, String to) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("set constraints all deferred").update();
            jdbc.sql("create temporary table bench_map on commit drop as select " + from + " as old_number, " + to
                    + " as new_number from generate_series(0::bigint, (select count(*) - 1 from account where biller_id = " + bid + ")) n")
                    .update();
            jdbc.sql("alter table bench_map add primary key (old_number)").update();
            jdbc.sql("analyze bench_map").update();
            for (String t : tables) {
                jdbc.sql("update " + t + " x set account_number = m.new_number from bench_map m where x.biller_id = ? "
                        + "and x.account_number = m.old_number").param(bid).update();
            }
        });
    }

    private static void vacuum(JdbcClient jdbc) {
        jdbc.sql("vacuum analyze").update();
    }

    /** The rows, in SQL: invoices and two payments (with their allocations) per account, some enrolments and payers. */
    private static void seed(JdbcClient jdbc, long bid, Options o) {
        jdbc.sql("""
                insert into account (biller_id, account_number, customer_name, email)
                select :bid, n || '-1', 'Member ' || n, 'member' || n || '@example.org'
                from generate_series(0::bigint, :accounts - 1) n""").param("bid", bid).param("accounts", o.accounts()).update();
        long file = jdbc.sql("""
                insert into invoice_file (biller_id, file_name, sha256, size_bytes, source, received_by, outcome)
                values (?, 'bench.bif', 'bench', 0, 'bench', 'bench', 'IMPORTED') returning file_id""").param(bid).query(Long.class).single();
        jdbc.sql("""
                insert into invoice (biller_id, invoice_number, account_number, file_id, file_line, status, invoice_date, due_date,
                                     total_amount_due, custom2, custom3)
                select :bid, 'INV' || n, (n / :per) || '-1', :file, n + 2, 'OPEN', date '2026-10-01' - (n % :per)::int * 30,
                       date '2026-11-01', 10 + n % 200, (n / :per)::text, '1'
                from generate_series(0::bigint, :accounts * :per - 1) n""").param("bid", bid).param("file", file)
                .param("per", o.invoicesPerAccount()).param("accounts", o.accounts()).update();
        jdbc.sql("""
                insert into payment (payment_guid, biller_id, account_number, channel, method, status, amount, card_brand, last4,
                                     method_token, created_at, updated_at)
                select gen_random_uuid(), :bid, (n % :accounts) || '-1', 'WEB', 'CARD', 'SETTLED', 10 + n % 300, 'VISA',
                       lpad((n % 10000)::text, 4, '0'), 'tok_bench', now(), now()
                from generate_series(0::bigint, :accounts * 2 - 1) n""").param("bid", bid).param("accounts", o.accounts()).update();
        jdbc.sql("""
                insert into payment_allocation (payment_id, biller_id, account_number, amount, position, allocation_guid)
                select payment_id, biller_id, account_number, amount, 1, payment_guid from payment where biller_id = ?""")
                .param(bid).update();
        jdbc.sql("""
                insert into autopay_enrolment (biller_id, account_number, method, method_token, card_brand, last4, changed_by)
                select :bid, n || '-1', 'CARD', 'tok_' || n, 'VISA', '4242', 'bench'
                from generate_series(0::bigint, :accounts - 1, 10) n""").param("bid", bid).param("accounts", o.accounts()).update();
        jdbc.sql("""
                insert into paperless_enrolment (biller_id, account_number, enrolled, changed_by)
                select :bid, n || '-1', true, 'bench' from generate_series(0::bigint, :accounts - 1, 3) n""")
                .param("bid", bid).param("accounts", o.accounts()).update();
        jdbc.sql("""
                insert into payer_user (biller_id, username, email)
                select :bid, 'member' || n, 'member' || n || '@example.org' from generate_series(0::bigint, :accounts - 1, 20) n""")
                .param("bid", bid).param("accounts", o.accounts()).update();
        jdbc.sql("""
                insert into payer_account (user_id, biller_id, account_number)
                select user_id, biller_id, substr(username, 7) || '-1' from payer_user where biller_id = ?""").param(bid).update();
        jdbc.sql("""
                insert into payer_method (method_guid, biller_id, user_id, method, token, brand, last4, exp_month, exp_year, is_default)
                select gen_random_uuid(), biller_id, user_id, 'CARD', 'tok_u' || user_id, 'VISA', '4242', 12, 2030, true
                from payer_user where biller_id = ?""").param(bid).update();
    }
}
