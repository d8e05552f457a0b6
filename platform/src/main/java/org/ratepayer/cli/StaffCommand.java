package org.ratepayer.cli;

import java.util.concurrent.Callable;
import org.ratepayer.shared.config.PublicUrl;
import org.ratepayer.shared.web.Refusal;
import org.ratepayer.staff.StaffUsers;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "staff", mixinStandardHelpOptions = true, description = "Staff users of the biller portal (docs/staff-portal.md).",
        subcommands = {StaffCommand.CreateAdmin.class})
class StaffCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The operator's first administrator of a biller, as POST /api/v1/billers/{bid}/staff-users makes it: prints the
     * one-time password (to hand over out of band; replaced at the first sign-in) and where to sign in.
     */
    @Command(name = "create-admin", mixinStandardHelpOptions = true,
            description = "Create a staff administrator of a biller and print a one-time password.")
    static class CreateAdmin implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;
        @Option(names = "--username", required = true, description = "The administrator's username.")
        String username;
        @Option(names = "--email", required = true, description = "The administrator's email address.")
        String email;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = CliContext.open(dataDir)) {
                try {
                    StaffUsers.IssuedPassword issued = ctx.getBean(StaffUsers.class).createAdministrator(bid, username, email);
                    System.out.println("username:           " + issued.user().username());
                    System.out.println("one-time password:  " + issued.oneTimePassword());
                    System.out.println("sign in at:         " + ctx.getBean(PublicUrl.class).link("/staff/" + bid + "/sign-in"));
                    return 0;
                } catch (Refusal e) {
                    System.err.println("ratepayer staff: " + e.getMessage());
                    return 1;
                }
            }
        }
    }
}
