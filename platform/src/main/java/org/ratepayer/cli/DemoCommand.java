package org.ratepayer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the whole product on its embedded defaults: PostgreSQL under data/, a sample Daffron biller "
                + "and 1,000 sample invoices. Writes data/demo.json. Listens on this machine only unless --address "
                + "says otherwise. Ctrl-C stops it.")
class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (default ./data).")
    String dataDir;

    @Option(names = {"--address", "--listen"}, paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1, this machine only). 0.0.0.0 lets other machines in, "
                    + "to the mailbox of every receipt too; set RATEPAYER_PUBLIC_URL to the address they use.")
    String address;

    @Override
    public Integer call() {
        ServerCommand.start(properties(), "demo");
        return RatepayerCli.KEEP_RUNNING;
    }

    /** What the demo profile (application-demo.yml, loopback only) runs with. */
    List<String> properties() {
        List<String> props = new ArrayList<>();
        props.add("ratepayer.environment=TEST");
        if (port != null) {
            props.add("server.port=" + port);
        }
        if (address != null) {
            props.add("server.address=" + address);
        }
        // The demo's links are for this machine's browser; said explicitly, so serve's warning about the default
        // public URL does not show. RATEPAYER_PUBLIC_URL still wins (e.g. a demo shown to other machines).
        int listening = port != null ? port : 8080;
        if (listening > 0 && System.getenv("RATEPAYER_PUBLIC_URL") == null) {
            props.add("ratepayer.public-url=http://localhost:" + listening);
        }
        // The sandbox processor's own origin (docs/hosted-fields.md): 9 above the demo's port (8089 by default), so that
        // its address stays the same from run to run, and a second demo on another --port takes another one.
        if (listening > 0 && listening + 9 <= 65535) {
            props.add("ratepayer.sandbox.fields.port=" + (listening + 9));
        }
        if (dataDir != null) {
            props.add("ratepayer.data-dir=" + dataDir);
        }
        return props;
    }
}
