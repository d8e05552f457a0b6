package org.ratepayer.cli;

import java.util.ArrayList;
import java.util.List;
import org.ratepayer.RatepayerApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the web application and leaves it running; Ctrl-C (SIGINT/SIGTERM) shuts it down cleanly. */
final class ServerCommand {

    private ServerCommand() {
    }

    static ConfigurableApplicationContext start(List<String> properties, String... profiles) {
        SpringApplication app = new SpringApplication(RatepayerApplication.class);
        app.setAdditionalProfiles(profiles);
        List<String> args = new ArrayList<>();
        properties.forEach(p -> args.add("--" + p));
        ConfigurableApplicationContext ctx = app.run(args.toArray(String[]::new));
        return ctx;
    }
}
