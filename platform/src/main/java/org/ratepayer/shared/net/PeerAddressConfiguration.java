package org.ratepayer.shared.net;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the TCP peer's address on every request as {@link #PEER_ADDRESS}, whatever a forwarded-headers valve later
 * makes of {@code getRemoteAddr()}; {@link ClientAddresses} starts from it. A client cannot set a request attribute.
 */
@ConditionalOnWebApplication
@ConditionalOnClass(ValveBase.class)
@Configuration(proxyBeanMethods = false)
public class PeerAddressConfiguration {

    public static final String PEER_ADDRESS = "org.ratepayer.peer-address";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> peerAddressValve() {
        return factory -> factory.addEngineValves(new PeerAddressValve());
    }

    static final class PeerAddressValve extends ValveBase {

        PeerAddressValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            // the connection's own address, which RemoteIpValve leaves alone whatever it does to getRemoteAddr()
            request.setAttribute(PEER_ADDRESS, request.getPeerAddr());
            getNext().invoke(request, response);
        }
    }
}
