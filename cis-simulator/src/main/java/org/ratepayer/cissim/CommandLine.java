package org.ratepayer.cissim;

/** The options of {@link CisSimulator#main}. */
record CommandLine(String host, int cbPort, int eprintPort, int adminPort, String user, String password,
                   String adminToken, boolean help) {

    static final int DEFAULT_CB_PORT = 8083;
    static final int DEFAULT_EPRINT_PORT = 8086;
    static final int DEFAULT_ADMIN_PORT = 8087;
    static final String DEFAULT_USER = "InvoiceCloud";
    /** Documented, not secret: the simulator holds only made-up data. */
    static final String DEFAULT_PASSWORD = "simulator";

    static final String USAGE = """
            Usage: java -jar ratepayer-cis-simulator.jar [options]
              --host HOST          address to listen on (default 127.0.0.1)
              --cb-port N          MultiSpeak CB service port (default 8083; 0 = any free port)
              --eprint-port N      eprint PDF service port (default 8086)
              --admin-port N       admin JSON API port (default 8087)
              --user USER          MultiSpeakMsgHeader UserID accepted (default InvoiceCloud)
              --password PWD       MultiSpeakMsgHeader Pwd accepted (default simulator)
              --admin-token TOKEN  bearer token the admin API wants (default: a new random one, printed)
              --help               this text""";

    static CommandLine parse(String[] args) {
        String host = "127.0.0.1";
        int cb = DEFAULT_CB_PORT;
        int eprint = DEFAULT_EPRINT_PORT;
        int admin = DEFAULT_ADMIN_PORT;
        String user = DEFAULT_USER;
        String password = DEFAULT_PASSWORD;
        String adminToken = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return new CommandLine(host, cb, eprint, admin, user, password, adminToken, true);
            }
            String[] split = option.split("=", 2);
            String name = split[0];
            String value;
            if (split.length == 2) {
                value = split[1];
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + name);
            }
            switch (name) {
                case "--host" -> host = value;
                case "--cb-port" -> cb = port(name, value);
                case "--eprint-port" -> eprint = port(name, value);
                case "--admin-port" -> admin = port(name, value);
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--admin-token" -> adminToken = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new CommandLine(host, cb, eprint, admin, user, password, adminToken, false);
    }

    CisSimulator.Builder apply(CisSimulator.Builder builder) {
        builder.host(host).cbPort(cbPort).eprintPort(eprintPort).adminPort(adminPort).credentials(user, password);
        return adminToken == null ? builder : builder.adminToken(adminToken);
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a port number 0..65535, got " + value);
        }
    }

    @Override
    public String toString() {
        return "CommandLine[host=" + host + ", cb=" + cbPort + ", eprint=" + eprintPort + ", admin=" + adminPort
                + ", user=" + user + ", password=***, adminToken=" + (adminToken == null ? "random" : "***") + "]";
    }
}
