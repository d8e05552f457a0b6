package org.ratepayer.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ratepayer.bif.BifGenerator;
import org.ratepayer.bif.BifOptions;
import org.ratepayer.bif.BifReader;
import org.ratepayer.bif.BifResult;
import org.ratepayer.bif.FileSpec;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bif", mixinStandardHelpOptions = true, description = "Invoice files (BIF): validate, import, generate.",
        subcommands = {BifCommand.Validate.class, BifCommand.Import.class, BifCommand.Generate.class})
class BifCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a file without a database. Exit 0 when valid, 1 when invalid (errors on stderr).")
    static class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--spec", description = "File spec (default: the Daffron layout), e.g. FH=1,2,4,5,6;IH=…")
        String spec;

        @Option(names = "--biller-guid", description = "Also check that the file's BillerGuid is this one.")
        String billerGuid;

        @Override
        public Integer call() throws IOException {
            FileSpec fileSpec = spec == null ? FileSpec.daffronDefault() : FileSpec.parse(spec);
            BifOptions options = billerGuid == null ? BifOptions.defaults() : BifOptions.defaults().withExpectedBillerGuid(billerGuid);
            BifResult result;
            try (InputStream in = Files.newInputStream(file)) {
                result = new BifReader(fileSpec).read(in, options, invoice -> { });
            }
            if (result.valid()) {
                System.out.printf("%s: valid, %d invoices, total %s%n", file, result.invoices(), result.totalAmountDue().toPlainString());
                return 0;
            }
            result.errors().forEach(e -> System.err.println(file.getFileName() + ": " + e));
            if (result.errorCount() > result.errors().size()) {
                System.err.printf("%s: … and %d more errors%n", file.getFileName(), result.errorCount() - result.errors().size());
            }
            System.err.printf("%s: invalid, %d errors%n", file.getFileName(), result.errorCount());
            return 1;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a file for a biller, atomically. Exit 0 imported (or already imported), 1 rejected.")
    static class Import implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() throws IOException {
            long size = Files.size(file);
            try (ConfigurableApplicationContext ctx = CliContext.open(dataDir)) {
                ctx.getBean(BillerService.class).require(bid);
                ImportOutcome outcome;
                // the bar is closed (its last line printed) before the report is written under it
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(size)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" MB", 1 << 20).showSpeed()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
                    outcome = ctx.getBean(InvoiceImportService.class).importFile(bid, file,
                            file.getFileName().toString(), ImportSource.CLI, "cli " + System.getProperty("user.name"),
                            (bytes, invoices) -> {
                                bar.stepTo(Math.min(bytes, size));
                                bar.setExtraMessage(" " + invoices + " invoices");
                            });
                    bar.stepTo(size);
                }
                return report(outcome);
            }
        }

        private static int report(ImportOutcome o) {
            switch (o.status()) {
                case IMPORTED -> System.out.printf("%s: imported %d invoices (total %s); accounts %d new, %d updated; "
                                + "%d invoices replaced, %d superseded (file %d)%n", o.fileName(), o.invoices(),
                        o.totalAmountDue().toPlainString(), o.accountsCreated(), o.accountsUpdated(), o.invoicesReplaced(),
                        o.superseded(), o.fileId());
                case ALREADY_IMPORTED -> System.out.printf("%s: already imported as file %d; nothing changed%n",
                        o.fileName(), o.fileId());
                case REJECTED -> {
                    o.errors().forEach(e -> System.err.println(o.fileName() + ": " + e));
                    System.err.printf("%s: rejected with %d errors; nothing was stored%n", o.fileName(), o.errorCount());
                    return 1;
                }
            }
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a valid synthetic file (for demos, tests and benchmarks).")
    static class Generate implements Callable<Integer> {
        @Option(names = "--biller-guid", required = true)
        String billerGuid;

        @Option(names = "--invoices", defaultValue = "1000")
        int invoices;

        @Option(names = "--date", description = "Invoice date, yyyy-MM-dd (default today).")
        LocalDate date;

        @Option(names = "--seed", defaultValue = "2178")
        long seed;

        @Option(names = "--spec", description = "The biller's file spec (default: the Daffron layout), e.g. FH=1,2,4,5,6;IH=…")
        String spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                var stats = new BifGenerator(seed).write(out, spec == null ? FileSpec.daffronDefault() : FileSpec.parse(spec), billerGuid, invoices,
                        date == null ? LocalDate.now() : date);
                System.out.printf("%s: %d invoices, total %s%n", file, stats.invoices(), stats.total().toPlainString());
            }
            return 0;
        }
    }
}
