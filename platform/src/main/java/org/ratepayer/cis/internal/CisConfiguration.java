package org.ratepayer.cis.internal;

import org.ratepayer.cis.CisConnector;
import org.ratepayer.daffron.DaffronConnector;
import org.ratepayer.multispeak.MultiSpeakClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CisConfiguration {

    @Bean(destroyMethod = "close")
    MultiSpeakClientFactory multiSpeakClientFactory() {
        return new MultiSpeakClientFactory();
    }

    @Bean
    CisConnector daffronConnector(MultiSpeakClientFactory clients) {
        return new DaffronConnector(clients);
    }
}
