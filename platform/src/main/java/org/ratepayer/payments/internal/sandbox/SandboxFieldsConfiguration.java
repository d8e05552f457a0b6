package org.ratepayer.payments.internal.sandbox;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sandbox processor's own origin (docs/hosted-fields.md): a second Tomcat connector of this application, on
 * {@code ratepayer.sandbox.fields.port} (0, the default: a free port chosen at start), that answers only
 * {@code /sandbox-processor/**}, while the main connector answers 404 there. A real processor's fields come from its own
 * origin, so the browser keeps the card number away from the page; the sandbox keeps that shape, so the demo and the
 * browser tests walk exactly the flow a Stripe biller's payers do.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SandboxFieldsConfiguration {

    static final String PATH = "/sandbox-processor/";

    @Bean
    SandboxFieldsOrigin sandboxFieldsOrigin(@Value("${ratepayer.sandbox.fields.port:0}") int port,
            @Value("${ratepayer.sandbox.fields.public-url:}") String publicUrl) {
        return new SandboxFieldsOrigin(port, publicUrl);
    }

    /** The second connector, on the same address as the main one (the demo's 127.0.0.1 stays this machine's only). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> sandboxFieldsConnector(SandboxFieldsOrigin origin) {
        return factory -> {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(origin.configuredPort());
            if (factory.getAddress() != null) {
                connector.setProperty("address", factory.getAddress().getHostAddress());
            }
            factory.addAdditionalTomcatConnectors(connector);
        };
    }

    /** Learns the port the connector got (the one it was given, or a free one). */
    @Bean
    ApplicationListener<WebServerInitializedEvent> sandboxFieldsStarted(SandboxFieldsOrigin origin) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() == null && event.getWebServer() instanceof TomcatWebServer tomcat) {
                for (Connector c : tomcat.getTomcat().getService().findConnectors()) {
                    if (c.getLocalPort() != event.getWebServer().getPort()) {
                        origin.started(c.getLocalPort());
                    }
                }
            }
        };
    }

    /**
     * Each connector answers only its own paths, before anything else runs: the platform's pages are never served from
     * the processor's origin (which would make them same-origin with the fields), nor the fields from the platform's.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sandboxFieldsSeparation(SandboxFieldsOrigin origin) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Optional<Integer> port = origin.port();
                boolean onSandbox = port.isPresent() && request.getLocalPort() == port.get();
                boolean sandboxPath = request.getRequestURI().startsWith(PATH);
                if (onSandbox != sandboxPath) {
                    response.sendError(404);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * The sandbox's paths: no session, no CSRF token (the iframe posts JSON to its own origin, which the token endpoint
     * checks), and framable, by the platform's pages only: the fields page sends its own frame-ancestors.
     */
    @Bean
    @Order(0)
    SecurityFilterChain sandboxFieldsChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PATH + "**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.disable())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(r -> r.anyRequest().permitAll());
        return http.build();
    }
}
