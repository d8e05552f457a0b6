package org.ratepayer.billing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.runtime.RatepayerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each biller's landing directory (where its SFTP uploads arrive): {@code root/BID/}. Settled files
 * are imported; accepted ones move to {@code processed/}, rejected ones to {@code rejected/} with
 * an error report beside them. A file that could not be imported for another reason (database
 * down) stays where it is and is tried again at the next scan.
 */
@Component
public class DropFolderScanner {

    private static final Logger log = LoggerFactory.getLogger(DropFolderScanner.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final BillerService billers;
    private final InvoiceImportService imports;
    private final Path root;
    private final Duration settle;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public DropFolderScanner(BillerService billers, InvoiceImportService imports, RatepayerProperties props) {
        this(billers, imports, props.dropFolderRoot(), props.dropFolder().settle(), Clock.systemUTC());
    }

    DropFolderScanner(BillerService billers, InvoiceImportService imports, Path root, Duration settle, Clock clock) {
        this.billers = billers;
        this.imports = imports;
        this.root = root;
        this.settle = settle;
        this.clock = clock;
    }

    public record ScanResult(Path file, ImportOutcome outcome, Path movedTo) {
    }

    public Path landingDirectory(long bid) {
        return root.resolve(Long.toString(bid));
    }

    public List<ScanResult> scanAll() {
        List<ScanResult> results = new ArrayList<>();
        for (Biller b : billers.all()) {
            results.addAll(scan(b.bid()));
        }
        return results;
    }

    public List<ScanResult> scan(long bid) {
        Path dir = landingDirectory(bid);
        List<ScanResult> results = new ArrayList<>();
        try {
            Files.createDirectories(dir.resolve("processed"));
            Files.createDirectories(dir.resolve("rejected"));
            for (Path file : settledFiles(dir)) {
                try {
                    ImportOutcome outcome = imports.importFile(bid, file, file.getFileName().toString(),
                            ImportSource.DROP_FOLDER, "drop folder " + dir);
                    results.add(new ScanResult(file, outcome, settleFile(dir, file, outcome)));
                } catch (RuntimeException e) {
                    log.warn("drop folder {}: {} will be retried at the next scan: {}", dir, file.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("drop folder " + dir + ": " + e.getMessage(), e);
        }
        return results;
    }

    private List<Path> settledFiles(Path dir) throws IOException {
        Instant cutoff = clock.instant().minus(settle);
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> isCandidate(p.getFileName().toString()))
                    .filter(p -> modifiedBefore(p, cutoff))
                    .sorted()
                    .toList();
        }
    }

    /** Hidden files and the temporary names SFTP clients write to before renaming are not ours yet. */
    static boolean isCandidate(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && !n.endsWith(".part") && !n.endsWith(".tmp") && !n.endsWith(".filepart")
                && !n.endsWith(".errors.txt");
    }

    private static boolean modifiedBefore(Path p, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private Path settleFile(Path dir, Path file, ImportOutcome outcome) throws IOException {
        boolean accepted = outcome.accepted();
        Path target = dir.resolve(accepted ? "processed" : "rejected").resolve(file.getFileName());
        if (Files.exists(target)) {
            target = target.resolveSibling(STAMP.format(clock.instant()) + "_" + file.getFileName());
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        if (!accepted) {
            StringBuilder report = new StringBuilder();
            report.append(file.getFileName()).append(" was rejected with ").append(outcome.errorCount())
                    .append(" error(s); nothing was stored.\n");
            outcome.errors().forEach(e -> report.append(e).append('\n'));
            if (outcome.errorCount() > outcome.errors().size()) {
                report.append("… and ").append(outcome.errorCount() - outcome.errors().size()).append(" more\n");
            }
            Files.writeString(target.resolveSibling(target.getFileName() + ".errors.txt"), report, StandardCharsets.UTF_8);
        }
        log.info("drop folder {}: {} {} -> {}", dir, file.getFileName(), outcome.status(), target);
        return target;
    }
}
