package org.ratepayer.billing;

import org.ratepayer.billing.internal.FileSettling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.config.RatepayerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each biller's landing directory (where its SFTP uploads arrive): {@code root/BID/}. Complete files
 * ({@link FileSettling}: still for the settle time, or marked with {@code NAME.done}) are imported; accepted ones move to {@code processed/}, rejected ones to {@code rejected/} with
 * an error report beside them; an accepted file with warnings (a name off the convention) gets a warnings
 * report beside it. A file that could not be imported for another reason (database down) stays where it
 * is and is tried again at the next scan.
 */
@Component
public class DropFolderScanner {

    private static final Logger log = LoggerFactory.getLogger(DropFolderScanner.class);
    private static final String DONE = ".done";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final BillerService billers;
    private final InvoiceImportService imports;
    private final Path root;
    private final Clock clock;
    /** One per biller folder: each remembers what the earlier scans saw of its files. */
    private final Map<Long, FileSettling> settling = new ConcurrentHashMap<>();
    private final Duration settle;

    @org.springframework.beans.factory.annotation.Autowired
    public DropFolderScanner(BillerService billers, InvoiceImportService imports, RatepayerProperties props, Clock clock) {
        this(billers, imports, props.dropFolderRoot(), props.dropFolder().settle(), clock);
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
            for (Path file : completeFiles(bid, dir)) {
                try {
                    ImportOutcome outcome = imports.importFile(bid, file, file.getFileName().toString(),
                            ImportSource.DROP_FOLDER, "drop folder " + dir);
                    results.add(new ScanResult(file, outcome, settleFile(dir, file, outcome)));
                    Files.deleteIfExists(doneMarker(file));
                } catch (RuntimeException e) {
                    log.warn("drop folder {}: {} will be retried at the next scan: {}", dir, file.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("drop folder " + dir + ": " + e.getMessage(), e);
        }
        return results;
    }

    private List<Path> completeFiles(long bid, Path dir) throws IOException {
        FileSettling folder = settling.computeIfAbsent(bid, b -> new FileSettling(settle));
        Instant now = clock.instant();
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(dir)) {
            candidates = entries.filter(Files::isRegularFile).filter(p -> isCandidate(p.getFileName().toString())).sorted().toList();
        }
        folder.retainOnly(candidates.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        List<Path> complete = new ArrayList<>();
        for (Path p : candidates) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (folder.complete(p.getFileName().toString(), a.size(), a.lastModifiedTime().toMillis(),
                        Files.exists(doneMarker(p)), now)) {
                    complete.add(p);
                }
            } catch (IOException vanished) {
                // moved or deleted by its uploader between the listing and now: nothing to take
            }
        }
        return complete;
    }

    private static Path doneMarker(Path file) {
        return file.resolveSibling(file.getFileName() + DONE);
    }

    /** Hidden files, markers and the temporary names SFTP clients write to before renaming are not invoice files. */
    static boolean isCandidate(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && !n.endsWith(".part") && !n.endsWith(".tmp") && !n.endsWith(".filepart")
                && !n.endsWith(".errors.txt") && !n.endsWith(".warnings.txt") && !n.endsWith(DONE);
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
            outcome.warnings().forEach(w -> report.append("warning: ").append(w).append('\n'));
            Files.writeString(target.resolveSibling(target.getFileName() + ".errors.txt"), report, StandardCharsets.UTF_8);
        } else if (!outcome.warnings().isEmpty()) {
            // Beside the file, where an operator looking for a bill run's file finds it: docs/invoice-files.md.
            StringBuilder report = new StringBuilder();
            int n = outcome.warnings().size();
            report.append(file.getFileName())
                    .append(outcome.status() == ImportOutcome.Status.IMPORTED ? " was imported" : " was already imported")
                    .append(" with ").append(n).append(n == 1 ? " warning:\n" : " warnings:\n");
            outcome.warnings().forEach(w -> report.append(w).append('\n'));
            Files.writeString(target.resolveSibling(target.getFileName() + ".warnings.txt"), report, StandardCharsets.UTF_8);
        }
        log.info("drop folder {}: {} {} -> {}", dir, file.getFileName(), outcome.status(), target);
        return target;
    }
}
