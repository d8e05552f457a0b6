package org.ratepayer.cissim;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import jakarta.servlet.DispatcherType;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ratepayer.multispeak.MultiSpeak;
import org.ratepayer.multispeak.v3.CBServerSoap;

/**
 * A standalone Daffron Toolbox look-alike for demos, tests and integrators (docs/operations.md):
 * <ul>
 *   <li>the MultiSpeak 3.0 CB service at {@link #cbUrl()} ({@code ?wsdl} for its WSDL),</li>
 *   <li>the eprint PDF bill service at {@link #eprintUrl()},</li>
 *   <li>a JSON admin API at {@link #adminUrl()}, for the holder of {@link #adminToken()}, mirrored by
 *   {@link #state()}.</li>
 * </ul>
 * Each is on its own port, as on a real Toolbox host (8083, 8086 and, for the admin API, 8087 by default).
 * <pre>
 * try (CisSimulator cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0).build().start()) {
 *     cis.state().putAccount(CisAccount.of("1001-2", PayableCharge.of("Electric", "120.50", "0")));
 *     ... call cis.cbUrl() ...
 * }
 * </pre>
 */
public final class CisSimulator implements AutoCloseable {

    public static final String CB_PATH = "/tbx-daily/services/CB";
    public static final String EPRINT_PATH = "/eprint/";
    public static final String ADMIN_PATH = "/admin";

    private final Settings settings;
    private final SimulatorState state;
    private final WireValues wire;
    /** Written last by start(): whoever sees it non-null also sees the connectors. */
    private volatile org.eclipse.jetty.server.Server jetty;
    private Bus bus;
    private Server cbEndpoint;
    private ServerConnector cbConnector;
    private ServerConnector eprintConnector;
    private ServerConnector adminConnector;

    private CisSimulator(Settings settings) {
        this.settings = settings;
        this.state = new SimulatorState(settings.clock());
        this.wire = new WireValues(settings.clock());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the three ports; port 0 picks a free one. */
    public synchronized CisSimulator start() {
        if (jetty != null) {
            throw new IllegalStateException("already started");
        }
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 4);
        threads.setName("cis-simulator");
        // daemon threads: an embedding test or demo that forgets close() can still exit
        threads.setDaemon(true);
        org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server(threads);
        cbConnector = connector(server, "cb", settings.cbPort());
        eprintConnector = connector(server, "eprint", settings.eprintPort());
        adminConnector = connector(server, "admin", settings.adminPort());

        bus = BusFactory.newInstance().createBus();
        CXFNonSpringServlet cxf = new CXFNonSpringServlet();
        cxf.setBus(bus);
        cbEndpoint = publishCb(bus);

        server.setHandler(new ContextHandlerCollection(cbContext(cxf), eprintContext(), adminContext()));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            cbEndpoint.destroy();
            bus.shutdown(true);
            throw new IllegalStateException("cannot start the CIS simulator on " + settings.host() + ": "
                    + e.getMessage(), e);
        }
        jetty = server;
        return this;
    }

    private static void stopQuietly(org.eclipse.jetty.server.Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing to start: the start failure is the one worth reporting
        }
    }

    private Server publishCb(Bus cxfBus) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(cxfBus);
        factory.setServiceClass(CBServerSoap.class);
        factory.setServiceBean(new CbService(state, settings.credentials(), wire));
        factory.setWsdlLocation("classpath:" + MultiSpeak.WSDL_RESOURCE);
        factory.setServiceName(MultiSpeak.SERVICE);
        factory.setEndpointName(MultiSpeak.PORT);
        factory.setAddress("/CB");
        if (settings.strictRequests()) {
            factory.getProperties(true).put("schema-validation-enabled", "IN");
        }
        return factory.create();
    }

    private ServletContextHandler cbContext(CXFNonSpringServlet cxf) {
        ServletContextHandler context = new ServletContextHandler("/tbx-daily");
        context.setVirtualHosts(List.of("@cb"));
        context.addFilter(new FilterHolder(new FaultInjectionFilter(state)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("cxf", cxf), "/services/*");
        return context;
    }

    private ServletContextHandler eprintContext() {
        ServletContextHandler context = new ServletContextHandler("/eprint");
        context.setVirtualHosts(List.of("@eprint"));
        context.addServlet(new ServletHolder("eprint", new EprintServlet(state, new BillPdf())), "/*");
        return context;
    }

    private ServletContextHandler adminContext() {
        ServletContextHandler context = new ServletContextHandler(ADMIN_PATH);
        context.setVirtualHosts(List.of("@admin"));
        context.addServlet(new ServletHolder("admin", new AdminServlet(state, AdminJson.mapper(), settings.adminToken())),
                "/*");
        return context;
    }

    private ServerConnector connector(org.eclipse.jetty.server.Server server, String name, int port) {
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setName(name);
        connector.setHost(settings.host());
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    /** {@code http://host:port/tbx-daily/services/CB} */
    public String cbUrl() {
        return url(cbConnector, CB_PATH);
    }

    /** {@code http://host:port/eprint/} */
    public String eprintUrl() {
        return url(eprintConnector, EPRINT_PATH);
    }

    /** {@code http://host:port/admin} */
    public String adminUrl() {
        return url(adminConnector, ADMIN_PATH);
    }

    private String url(ServerConnector connector, String path) {
        if (jetty == null) {
            throw new IllegalStateException("not started");
        }
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + connector.getLocalPort() + path;
    }

    /** Programmatic access to everything the admin API does. */
    public SimulatorState state() {
        return state;
    }

    /** What the admin API wants as {@code Authorization: Bearer <token>}. */
    public String adminToken() {
        return settings.adminToken();
    }

    /** The credentials the CB service accepts. */
    public String userId() {
        return settings.credentials().userId();
    }

    public String password() {
        return settings.credentials().password();
    }

    @Override
    public synchronized void close() {
        if (jetty == null) {
            return;
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the CIS simulator", e);
        } finally {
            cbEndpoint.destroy();
            bus.shutdown(true);
            jetty = null;
        }
    }

    /** Runs the simulator until SIGINT; see {@link CommandLine} for the options. */
    public static void main(String[] args) throws InterruptedException {
        CommandLine options;
        try {
            options = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        CisSimulator simulator = options.apply(builder()).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "cis-simulator-shutdown"));
        System.out.println("CIS simulator running (Ctrl-C stops it)");
        System.out.println("  CB (MultiSpeak 3.0): " + simulator.cbUrl() + "   WSDL: " + simulator.cbUrl() + "?wsdl");
        System.out.println("  eprint (PDF bills):  " + simulator.eprintUrl());
        System.out.println("  admin (JSON):        " + simulator.adminUrl());
        System.out.println("  admin token:         " + simulator.adminToken() + "   (Authorization: Bearer …)");
        System.out.println("  UserID: " + simulator.userId());
        stopped.await();
    }

    record Settings(String host, int cbPort, int eprintPort, int adminPort, Credentials credentials,
                    String adminToken, int maxThreads, boolean strictRequests, Clock clock) {
    }

    /** Settings for a simulator; every one has a default. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int cbPort = CommandLine.DEFAULT_CB_PORT;
        private int eprintPort = CommandLine.DEFAULT_EPRINT_PORT;
        private int adminPort = CommandLine.DEFAULT_ADMIN_PORT;
        private String userId = CommandLine.DEFAULT_USER;
        private String password = CommandLine.DEFAULT_PASSWORD;
        private String adminToken;
        private int maxThreads = 200;
        private boolean strictRequests;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** 0 picks a free port. */
        public Builder cbPort(int port) {
            this.cbPort = checkPort(port);
            return this;
        }

        public Builder eprintPort(int port) {
            this.eprintPort = checkPort(port);
            return this;
        }

        public Builder adminPort(int port) {
            this.adminPort = checkPort(port);
            return this;
        }

        /** The MultiSpeakMsgHeader UserID and Pwd the CB service accepts. */
        public Builder credentials(String user, String pwd) {
            this.userId = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(pwd, "password");
            return this;
        }

        /**
         * The admin API's bearer token, at least 16 characters. Without one, a random token is made: read it from
         * {@link CisSimulator#adminToken()}.
         */
        public Builder adminToken(String token) {
            Objects.requireNonNull(token, "admin token");
            if (token.strip().length() < 16 || !token.equals(token.strip())) {
                throw new IllegalArgumentException("the admin token must be at least 16 characters, without spaces "
                        + "around it");
            }
            this.adminToken = token;
            return this;
        }

        /** Request threads; each call that is made to wait by a latency fault holds one. */
        public Builder maxThreads(int threads) {
            if (threads < 8) {
                throw new IllegalArgumentException("maxThreads must be at least 8: " + threads);
            }
            this.maxThreads = threads;
            return this;
        }

        /**
         * Validate every CB request against the compact MultiSpeak schema and answer a SOAP fault
         * for one that breaks it, as a strict CIS would. Off by default: CXF's validation costs
         * more than the rest of a call, and benchmarks need the simulator fast.
         */
        public Builder strictRequests(boolean strict) {
            this.strictRequests = strict;
            return this;
        }

        /** The clock of reply headers and posting times. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public CisSimulator build() {
            return new CisSimulator(new Settings(host, cbPort, eprintPort, adminPort,
                    new Credentials(userId, password), adminToken != null ? adminToken : randomToken(), maxThreads,
                    strictRequests, clock));
        }

        private static String randomToken() {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            return "cissim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            return port;
        }
    }
}
