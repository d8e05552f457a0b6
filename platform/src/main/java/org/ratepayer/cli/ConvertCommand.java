package org.ratepayer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ratepayer.conversion.ConversionPlan;
import org.ratepayer.conversion.ConversionRun;
import org.ratepayer.conversion.Conversions;
import org.ratepayer.conversion.Progress;
import org.ratepayer.conversion.Verification;
import org.ratepayer.shared.web.Refusal;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The conversion onto a new CIS, step by step (docs/conversion.md). Exit 0 done, 1 refused or failed (nothing changed). */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert a biller onto a new CIS (docs/conversion.md).",
        subcommands = {ConvertCommand.Export.class, ConvertCommand.Plan.class, ConvertCommand.Apply.class, ConvertCommand.Verify.class,
                ConvertCommand.Rollback.class})
class ConvertCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs a step with a progress bar on stderr; a refusal is printed and exits 1. */
    static int step(String dataDir, String task, Function<ConfigurableApplicationContext, Function<Progress, Integer>> work) {
        try (ConfigurableApplicationContext ctx = CliContext.open(dataDir)) {
            Function<Progress, Integer> w = work.apply(ctx);
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
                int exit = w.apply((what, done, total) -> {
                    bar.maxHint(Math.max(total, 1));
                    bar.stepTo(done);
                    bar.setExtraMessage(" " + what);
                });
                // a step that reported no progress of its own (a plan) still ends at 100 %, not at 0 %
                bar.stepTo(bar.getMax());
                return exit;
            } catch (Refusal e) {
                System.err.println("ratepayer convert: " + e.getMessage());
                return 1;
            }
        }
    }

    static ObjectMapper json(ConfigurableApplicationContext ctx) {
        return ctx.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the biller's accounts with their autopay and paperless flags and default payment method (CSV).")
    static class Export implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;
        @Parameters(paramLabel = "FILE", description = "Where to write the export.")
        Path file;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() {
            return step(dataDir, "Exporting", ctx -> progress -> {
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    long n = ctx.getBean(Conversions.class).export(bid, out, progress);
                    System.out.printf("%s: %d accounts%n", file, n);
                    return 0;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Check the CIS's cross-reference file and write the plan; changes nothing. Exit 1 naming every problem by line.")
    static class Plan implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;
        @Option(names = "--xref", required = true, description = "The cross-reference file (CSV: OldAccountNumber,NewAccountNumber[,Custom2,Custom3]).")
        Path xref;
        @Option(names = "--out", description = "Where to write the plan (default conversion-plan-BID.json).")
        Path out;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() throws IOException {
            String text = Files.readString(xref, StandardCharsets.UTF_8);
            Path target = out != null ? out : Path.of("conversion-plan-" + bid + ".json");
            return step(dataDir, "Planning", ctx -> progress -> {
                Conversions.PlanOutcome o = ctx.getBean(Conversions.class).plan(bid, text);
                if (o.plan() == null) {
                    o.problems().forEach(p -> System.err.println(xref.getFileName() + ": " + p));
                    System.err.printf("%s: %d problem(s); no plan written%n", xref.getFileName(), o.problems().size());
                    return 1;
                }
                try {
                    json(ctx).writeValue(target.toFile(), o.plan());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                System.out.printf("%s: %d accounts matched; plan written to %s%n", xref.getFileName(), o.plan().accounts(), target);
                o.plan().moves().forEach((t, n) -> System.out.printf("  %-40s %,d rows%n", t, n));
                return 0;
            });
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = "Apply a plan, all or nothing.")
    static class Apply implements Callable<Integer> {
        @Option(names = "--plan", required = true, description = "The plan file `convert plan` wrote.")
        Path plan;
        @Option(names = "--invite-payers", description = "Email every payer it unregisters a single-use link to register again "
                + "for the account under its new number (off unless given).")
        boolean invitePayers;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() {
            return step(dataDir, "Converting", ctx -> progress -> {
                ConversionPlan p;
                try {
                    p = json(ctx).readValue(plan.toFile(), ConversionPlan.class);
                } catch (IOException e) {
                    System.err.println("ratepayer convert: " + plan + " is not a conversion plan: " + e.getMessage());
                    return 1;
                }
                ConversionRun run = ctx.getBean(Conversions.class).apply(p, "cli " + System.getProperty("user.name"), invitePayers,
                        progress);
                System.out.printf("conversion %d: %d accounts renumbered%n", run.conversionId(), run.accounts());
                run.counts().forEach((t, n) -> System.out.printf("  %-40s %,d rows%n", t, n));
                if (invitePayers) {
                    awaitInvitations(ctx, run, progress);
                }
                return 0;
            });
        }
    }

    /**
     * The re-registration emails go out after the commit, from this process: it waits for them before it exits (a link
     * email left unsent by a process that stopped is not resent, docs/notices.md), at most half an hour.
     */
    static void awaitInvitations(ConfigurableApplicationContext ctx, ConversionRun run, Progress progress) {
        org.springframework.jdbc.core.simple.JdbcClient jdbc = ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(30).toNanos();
        while (true) {
            long[] n = jdbc.sql("""
                    select count(*), count(*) filter (where status in ('QUEUED', 'SENDING')) from email_message
                    where biller_id = ? and kind = 'CONVERSION_REREGISTER' and event_key like ?""")
                    .params(run.billerId(), "CONVERSION_REREGISTER:" + run.conversionId() + ":%")
                    .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            progress.at("sending re-registration emails", n[0] - n[1], n[0]);
            if (n[1] == 0 || System.nanoTime() > deadline) {
                System.out.printf("  re-registration emails: %,d written, %,d still to send%n", n[0], n[1]);
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the biller against the export taken before apply; writes an HTML and a CSV report. Exit 1 when an account lost something.")
    static class Verify implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;
        @Option(names = "--export", required = true, description = "The export taken before apply.")
        Path export;
        @Option(names = "--report", description = "The reports' name without extension (default conversion-verification-BID).")
        String report;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() throws IOException {
            String text = Files.readString(export, StandardCharsets.UTF_8);
            String base = report != null ? report : "conversion-verification-" + bid;
            return step(dataDir, "Verifying", ctx -> progress -> {
                Verification v = ctx.getBean(Conversions.class).verify(bid, text);
                try (Writer html = Files.newBufferedWriter(Path.of(base + ".html"), StandardCharsets.UTF_8);
                        Writer csv = Files.newBufferedWriter(Path.of(base + ".csv"), StandardCharsets.UTF_8)) {
                    v.writeHtml(html);
                    v.writeCsv(csv);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                v.rows().stream().filter(r -> !r.passed())
                        .forEach(r -> System.err.println(r.oldNumber() + ": " + String.join("; ", r.differences())));
                System.out.printf("%s: %d accounts, %d with a difference; reports %s.html and %s.csv%n", v.passed() ? "PASSED" : "FAILED",
                        v.accounts(), v.failedAccounts(), base, base);
                return v.passed() ? 0 : 1;
            });
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Undo the biller's latest conversion, within the window.")
    static class Rollback implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() {
            return step(dataDir, "Rolling back", ctx -> progress -> {
                ConversionRun run = ctx.getBean(Conversions.class).rollback(bid, "cli " + System.getProperty("user.name"), progress);
                System.out.printf("conversion %d rolled back; payers were not registered again%n", run.conversionId());
                return 0;
            });
        }
    }
}
