package org.ratepayer.cli;

import java.util.concurrent.Callable;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "payers", mixinStandardHelpOptions = true, description = "Payers of the customer portal (docs/payers.md).",
        subcommands = {PayersCommand.SsoLink.class})
class PayersCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Mints a fresh single sign-on link, as the CIS's portal does through the remote registration API: it works once,
     * within two minutes, so it is made when wanted and never kept.
     */
    @Command(name = "sso-link", mixinStandardHelpOptions = true,
            description = "Print a single-use sign-on link into the portal for a user (valid 2 minutes).")
    static class SsoLink implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;
        @Option(names = "--user", required = true, description = "The payer's username.")
        String username;
        @Option(names = "--target", description = "A portal path to land on, e.g. /portal/2178 (default: the portal's home).")
        String target;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = CliContext.open(dataDir)) {
                try {
                    PayerDirectory.SsoToken token = ctx.getBean(PayerDirectory.class).mintSignOn(bid, username, target);
                    String path = UriComponentsBuilder.fromPath("/portal/" + bid + "/sso").queryParam("token", token.token())
                            .build().toUriString();
                    System.out.println(ctx.getBean(PublicUrl.class).link(path));
                    return 0;
                } catch (PayerRefusal e) {
                    System.err.println("ratepayer payers: " + e.getMessage());
                    return 1;
                }
            }
        }
    }
}
