package org.ratepayer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ratepayer.cissim.CisSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "cis-sim", description = "Run the Daffron CIS simulator alone (MultiSpeak CB service, eprint PDFs, admin API). "
        + "Options: --cb-port --eprint-port --admin-port --host --user --password --admin-token (see --help). "
        + "Prints the admin API's token.",
        mixinStandardHelpOptions = false)
class CisSimCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        CisSimulator.main(args.toArray(String[]::new));
        return 0;
    }
}
