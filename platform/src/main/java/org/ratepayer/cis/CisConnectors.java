package org.ratepayer.cis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisConnector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Finds the connector for a biller (by its template) and what that connector may know of the biller. */
@Component
public class CisConnectors {

    private final Map<String, CisConnector> bySystem;
    private final Duration timeout;

    public CisConnectors(List<CisConnector> connectors, @Value("${ratepayer.cis.timeout:5s}") Duration timeout) {
        this.bySystem = connectors.stream().collect(Collectors.toMap(CisConnector::system, Function.identity()));
        this.timeout = timeout;
    }

    public Optional<CisConnector> forBiller(Biller biller) {
        return Optional.ofNullable(bySystem.get(biller.template()));
    }

    public CisBiller view(BillerConfig config) {
        return new CisBiller(config.bid(), config.settings(), config.billerWideOptions(), timeout,
                config.timeZone());
    }
}
