package org.ratepayer.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/** Runs the command line in-process the way the launcher does, capturing what it prints. */
final class CliRunner {

    record Run(int exit, String out, String err) {
    }

    private CliRunner() {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int exit = new CommandLine(new RatepayerCli())
                    .setExecutionExceptionHandler((e, cmd, parsed) -> {
                        e.printStackTrace();
                        return 2;
                    })
                    .execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
