package org.ratepayer.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.ratepayer.RatepayerApplication;
import org.ratepayer.bif.BifGenerator;
import org.ratepayer.bif.FileSpec;
import org.ratepayer.billers.BillerService;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the load drivers share around their measurements: a fresh work directory, the platform
 * started on its own embedded PostgreSQL there, a Daffron biller with a generated BIF file, a
 * watchdog, and the clean-up.
 */
final class BenchPlatform {

    /** The biller every benchmark creates in its fresh database. */
    static final long BID = 9001;
    static final String BILLER_NAME = "Bench Electric Cooperative";
    static final String ACTOR = "bench";
    /** A fixed bill date keeps files of the same seed and size identical from run to run. */
    static final LocalDate INVOICE_DATE = LocalDate.of(2025, 6, 1);

    /** The part of a benchmark that runs inside its work directory. */
    interface Body {
        void run(Path work) throws Exception;
    }

    private BenchPlatform() {
    }

    /** The options, or exit status 2 with the reason when they are refused. */
    static <O> O parseOrExit(String[] args, java.util.function.Function<String[], O> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** The value of the option at {@code args[i - 1]}. */
    static String optionValue(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /**
     * Runs {@code body} in a fresh work directory ({@code requested}, which must be new or empty, or a
     * temporary one), under a watchdog of {@code timeoutMinutes}, removes the directory unless
     * {@code keep}, and exits: 0 on success, 1 on failure, 2 on a refused setup, 3 from the watchdog.
     */
    static void runAndExit(Path requested, boolean keep, long timeoutMinutes, Body body) throws IOException {
        if (System.getenv("SPRING_DATASOURCE_URL") != null) {
            // Spring would bind it and the bench would load its data into someone's database.
            System.err.println("SPRING_DATASOURCE_URL is set; the benchmark runs on its own embedded database only");
            System.exit(2);
        }
        if (requested != null && Files.isDirectory(requested)) {
            try (Stream<Path> entries = Files.list(requested)) {
                if (entries.findAny().isPresent()) {
                    // A database left there would already hold the biller, and the figures would not be a fresh one's.
                    System.err.println("--work-dir must be new or empty: " + requested);
                    System.exit(2);
                }
            }
        }
        Path work = requested != null ? Files.createDirectories(requested) : Files.createTempDirectory("ratepayer-bench-");
        int status = 0;
        Watchdog.start(timeoutMinutes, work);
        try {
            body.run(work);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        } finally {
            if (keep) {
                System.out.println("kept " + work);
            } else {
                deleteTree(work);
            }
        }
        // Hikari, the embedded PostgreSQL, Tomcat and the JMX sampler leave threads behind on failure paths.
        System.exit(status);
    }

    /**
     * Starts the platform's Spring context on a fresh embedded PostgreSQL under {@code dataDir}.
     * Without {@code web} the HTTP beans (org.ratepayer.api) are left out: without a servlet context
     * they cannot be built. With it, Tomcat listens on a free port of 127.0.0.1 only.
     */
    static ConfigurableApplicationContext start(Path dataDir, boolean web,
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers, String... extraArgs) {
        SpringApplication app = new SpringApplication(RatepayerApplication.class);
        app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        initializers.forEach(app::addInitializers);
        List<String> args = new ArrayList<>(List.of(
                "--db-scheduler.enabled=false",
                "--ratepayer.notices.enabled=false",
                "--ratepayer.drop-folder.enabled=false",
                "--ratepayer.data-dir=" + dataDir,
                "--logging.level.root=warn",
                "--logging.level.org.ratepayer=warn"));
        if (web) {
            args.addAll(List.of("--server.port=0", "--server.address=127.0.0.1"));
        } else {
            args.add("--spring.main.web-application-type=none");
        }
        args.addAll(List.of(extraArgs));
        return app.run(args.toArray(String[]::new));
    }

    /** An initializer that adds {@code processor} to the context before any bean is made. */
    static ApplicationContextInitializer<ConfigurableApplicationContext> postProcessor(BeanPostProcessor processor) {
        return ctx -> ctx.getBeanFactory().addBeanPostProcessor(processor);
    }

    /** The port Tomcat listens on, for a context started with {@code web}. */
    static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    /** Creates the Daffron biller {@link #BID}; its keys are shown only here. */
    static BillerService.CreatedBiller createBiller(ConfigurableApplicationContext ctx) {
        return ctx.getBean(BillerService.class).create(new BillerService.NewBiller(BID, BILLER_NAME, "daffron", null), ACTOR);
    }

    /** Writes a synthetic Daffron BIF file of {@code invoices} invoices; same seed and size, same file. */
    static void writeBif(Path file, long seed, String billerGuid, int invoices) throws IOException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16)) {
            new BifGenerator(seed).write(out, FileSpec.daffronDefault(), billerGuid, invoices, INVOICE_DATE);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
