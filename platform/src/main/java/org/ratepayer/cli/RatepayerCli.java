package org.ratepayer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: the server, the demo, and the operator's command-line tools. */
@Command(name = "ratepayer", mixinStandardHelpOptions = true, version = "Ratepayer 0.1.0",
        description = "Electronic bill presentment and payment for utilities.",
        subcommands = {DemoCommand.class, ServeCommand.class, BifCommand.class, BillerCommand.class, PayersCommand.class, StaffCommand.class, KeysCommand.class, ConvertCommand.class,
                CisSimCommand.class,
                CommandLine.HelpCommand.class})
public class RatepayerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Returned by commands that leave a server running: the JVM stays up until Ctrl-C. */
    static final int KEEP_RUNNING = Integer.MIN_VALUE;

    public static void main(String[] args) {
        int code = new CommandLine(new RatepayerCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("ratepayer " + cmd.getCommandName() + ": " + rootMessage(e));
                    return 2;
                })
                .execute(args);
        if (code != KEEP_RUNNING) {
            System.exit(code);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
