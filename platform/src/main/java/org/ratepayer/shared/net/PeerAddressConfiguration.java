package org.ratepayer.shared.net;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Collections;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Keeps the TCP peer's address on every request as {@link #PEER_ADDRESS}, whatever a forwarded-headers valve later
 * makes of {@code getRemoteAddr()}; {@link ClientAddresses} starts from it. A client cannot set a request attribute.
 */
@ConditionalOnWebApplication
@ConditionalOnClass(ValveBase.class)
@Configuration(proxyBeanMethods = false)
public class PeerAddressConfiguration {

    public static final String PEER_ADDRESS = "org.ratepayer.peer-address";

    /** The chain of X-Forwarded-For headers as the request came, before any valve consumed them (a {@code List<String>}). */
    public static final String FORWARDED_FOR = "org.ratepayer.forwarded-for";

    @Bean
    PeerAddressCustomizer peerAddressValve() {
        return new PeerAddressCustomizer();
    }

    /** First of all filters, so that throttling, security and every controller see the same client address. */
    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(ClientAddresses addresses) {
        FilterRegistrationBean<ClientAddressFilter> registration = new FilterRegistrationBean<>(new ClientAddressFilter(addresses));
        registration.setName("clientAddressFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Runs before Boot's own customizer, so this valve comes first in the engine's pipeline: Tomcat's RemoteIpValve
     * ({@code server.forward-headers-strategy=native}) removes the X-Forwarded-For header once it has believed it.
     */
    static final class PeerAddressCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addEngineValves(new PeerAddressValve());
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    static final class PeerAddressValve extends ValveBase {

        PeerAddressValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            // the connection's own address, which RemoteIpValve leaves alone whatever it does to getRemoteAddr()
            request.setAttribute(PEER_ADDRESS, request.getPeerAddr());
            request.setAttribute(FORWARDED_FOR, Collections.list(request.getHeaders("X-Forwarded-For")));
            getNext().invoke(request, response);
        }
    }
}
