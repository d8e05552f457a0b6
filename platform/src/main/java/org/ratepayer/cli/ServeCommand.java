package org.ratepayer.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the platform. Uses SPRING_DATASOURCE_URL when set, else the embedded PostgreSQL under the data directory.")
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (default ./data).")
    String dataDir;

    @Override
    public Integer call() {
        List<String> props = new java.util.ArrayList<>();
        if (port != null) {
            props.add("server.port=" + port);
        }
        if (dataDir != null) {
            props.add("ratepayer.data-dir=" + dataDir);
        }
        ServerCommand.start(props);
        return RatepayerCli.KEEP_RUNNING;
    }
}
