package org.ratepayer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.Callable;

import org.ratepayer.billers.BillerService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "biller", mixinStandardHelpOptions = true,
        description = "Create billers and change their options and advanced settings (docs/daffron.md).",
        subcommands = {BillerCommand.Create.class, BillerCommand.Show.class, BillerCommand.ListBillers.class,
                BillerCommand.SetOption.class, BillerCommand.SetSetting.class, BillerCommand.SetFileSpec.class,
                BillerCommand.SetTimeZone.class})
class BillerCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final String ACTOR = "cli " + System.getProperty("user.name");

    /** Runs against the platform's services and prints the result as JSON; validation errors exit 1. */
    abstract static class BillerTask implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        abstract Object apply(BillerService billers);

        @Override
        public Integer call() throws Exception {
            try (ConfigurableApplicationContext ctx = CliContext.open(dataDir)) {
                ObjectMapper json = ctx.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT);
                try {
                    System.out.println(json.writeValueAsString(apply(ctx.getBean(BillerService.class))));
                    return 0;
                } catch (org.ratepayer.billers.ConfigValidationException | org.ratepayer.billers.BillerNotFoundException
                         | BillerService.BillerExistsException e) {
                    System.err.println("ratepayer biller: " + e.getMessage());
                    return 1;
                }
            }
        }
    }

    static JsonNode valueOf(String raw) {
        try {
            return new ObjectMapper().readTree(raw);
        } catch (Exception notJson) {
            return TextNode.valueOf(raw);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a biller; prints its keys once.")
    static class Create extends BillerTask {
        @Option(names = "--bid", required = true)
        long bid;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--template", defaultValue = "daffron")
        String template;
        @Option(names = "--time-zone", description = "IANA zone, e.g. America/Chicago (default: the template's).")
        String timeZone;

        @Override
        Object apply(BillerService billers) {
            var created = billers.create(new BillerService.NewBiller(bid, name, template, null, timeZone), ACTOR);
            return java.util.Map.of("biller", created.biller(), "issuedKeys", created.keys());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a biller's configuration (secrets masked).")
    static class Show extends BillerTask {
        @Parameters(paramLabel = "BID")
        long bid;

        @Override
        Object apply(BillerService billers) {
            return billers.view(bid);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true)
    static class ListBillers extends BillerTask {
        @Override
        Object apply(BillerService billers) {
            return billers.all().stream().map(b -> java.util.Map.of("bid", b.bid(), "guid", b.guid(), "name", b.name())).toList();
        }
    }

    @Command(name = "set-option", mixinStandardHelpOptions = true, description = "Set option ID (JSON value or text; null clears).")
    static class SetOption extends BillerTask {
        @Parameters(index = "0", paramLabel = "BID")
        long bid;
        @Parameters(index = "1", paramLabel = "ID")
        int id;
        @Parameters(index = "2", paramLabel = "VALUE")
        String value;
        @Option(names = "--invoice-type", description = "For per-invoice-type options (40, 41).")
        Integer invoiceType;

        @Override
        Object apply(BillerService billers) {
            return billers.setOption(bid, id, invoiceType, valueOf(value), ACTOR);
        }
    }

    @Command(name = "set-setting", mixinStandardHelpOptions = true, description = "Set advanced setting ID (null clears).")
    static class SetSetting extends BillerTask {
        @Parameters(index = "0", paramLabel = "BID")
        long bid;
        @Parameters(index = "1", paramLabel = "ID")
        int id;
        @Parameters(index = "2", paramLabel = "VALUE")
        String value;

        @Override
        Object apply(BillerService billers) {
            return billers.setSetting(bid, id, valueOf(value), ACTOR);
        }
    }

    @Command(name = "set-file-spec", mixinStandardHelpOptions = true, description = "Set the biller's BIF column layout.")
    static class SetFileSpec extends BillerTask {
        @Parameters(index = "0", paramLabel = "BID")
        long bid;
        @Parameters(index = "1", paramLabel = "SPEC")
        String fileSpec;

        @Override
        Object apply(BillerService billers) {
            return billers.setFileSpec(bid, fileSpec, ACTOR);
        }
    }

    @Command(name = "set-time-zone", mixinStandardHelpOptions = true,
            description = "Set the biller's IANA time zone (its today, business days and CIS times).")
    static class SetTimeZone extends BillerTask {
        @Parameters(index = "0", paramLabel = "BID")
        long bid;
        @Parameters(index = "1", paramLabel = "ZONE")
        String timeZone;

        @Override
        Object apply(BillerService billers) {
            return billers.setTimeZone(bid, timeZone, ACTOR);
        }
    }
}
