package org.ratepayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    private static List<String> properties(String... args) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs(args);
        return demo.properties();
    }

    @Test
    void listensOnThisMachineUnlessToldOtherwise() {
        assertThat(properties()).as("the demo profile's 127.0.0.1 applies").noneMatch(p -> p.startsWith("server.address="));
        assertThat(properties("--address", "0.0.0.0")).contains("server.address=0.0.0.0");
        assertThat(properties("--listen", "192.0.2.2")).contains("server.address=192.0.2.2");
    }

    @Test
    void itsLinksAreOnItsOwnPort() {
        assertThat(properties()).contains("ratepayer.public-url=http://localhost:8080");
        assertThat(properties("--port", "9090")).contains("server.port=9090", "ratepayer.public-url=http://localhost:9090");
        assertThat(properties("--port", "0")).as("a free port is known only once listening")
                .noneMatch(p -> p.startsWith("ratepayer.public-url="));
    }

    @Test
    void theSandboxProcessorsFieldsHaveTheirOwnPortNineAbove() {
        assertThat(properties()).contains("ratepayer.sandbox.fields.port=8089");
        assertThat(properties("--port", "9090")).as("a second demo on another port does not collide")
                .contains("ratepayer.sandbox.fields.port=9099");
        assertThat(properties("--port", "0")).as("a free one, chosen at start")
                .noneMatch(p -> p.startsWith("ratepayer.sandbox.fields.port="));
    }
}
