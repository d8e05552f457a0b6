package org.ratepayer.demo;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.paynow.LocalServices;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo's own Daffron Toolbox: started with the application, stopped with it, on loopback only. Its admin API wants
 * the random token it makes at start (listed in data/demo.json); the demo itself drives it through
 * {@link CisSimulator#state()}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoCisSimulator {

    static final String USER = "InvoiceCloud";

    @Bean(destroyMethod = "close")
    CisSimulator cisSimulator(@Value("${ratepayer.demo.cis-sim.cb-port:0}") int cbPort,
            @Value("${ratepayer.demo.cis-sim.eprint-port:0}") int eprintPort,
            @Value("${ratepayer.demo.cis-sim.admin-port:0}") int adminPort) {
        byte[] pw = new byte[12];
        new SecureRandom().nextBytes(pw);
        return CisSimulator.builder().host("127.0.0.1").cbPort(cbPort).eprintPort(eprintPort).adminPort(adminPort)
                .credentials(USER, Base64.getUrlEncoder().withoutPadding().encodeToString(pw)).build().start();
    }

    /** Partner URLs (loopback in the demo) may not aim Pay Now's postbacks at the simulator. */
    @Bean
    LocalServices cisSimulatorPorts(CisSimulator cis) {
        return () -> Stream.of(cis.cbUrl(), cis.eprintUrl(), cis.adminUrl()).map(u -> URI.create(u).getPort())
                .collect(Collectors.toSet());
    }
}
