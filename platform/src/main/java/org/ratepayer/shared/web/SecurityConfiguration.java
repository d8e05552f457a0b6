package org.ratepayer.shared.web;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin and biller REST API under /api is stateless and needs the operator token or a biller
 * key on every call. The partner web services (/portal/webservices) authenticate by the
 * WebServiceKey in the message itself, as the partners' existing clients send it.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {

    /**
     * No Spring Security observations. With them every filter of the chain is wrapped in an
     * observation, a dozen timer events per request: about 8 % of an API request's CPU in
     * bench/balance-refresh.sh. Each request stays timed as a whole ({@code http.server.requests}),
     * and what security decides is unchanged: only its timers go.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, CallerAuthenticator authenticator, ProblemWriter problems,
            org.ratepayer.shared.throttle.Throttle throttle, org.ratepayer.shared.net.ClientAddresses addresses,
            org.ratepayer.shared.net.AddressGate gate) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiAuthenticationFilter(authenticator, problems, throttle, addresses, gate), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(r -> r
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("OPERATOR")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, 401, "unauthenticated",
                                "Authentication required",
                                "send the operator token as 'Authorization: Bearer …' or a biller key as 'X-Api-Key'"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, 403, "forbidden", "Forbidden", ex.getMessage())));
        return http.build();
    }

    /** The policy of every page; a page with hosted fields adds its processor's sources (docs/hosted-fields.md). */
    public static final String SITE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain siteChain(HttpSecurity http) throws Exception {
        http.csrf(c -> c.ignoringRequestMatchers("/portal/webservices/**", "/webhooks/**", "/hosted-fields/**").csrfTokenRequestHandler(new DamagedTokenTolerantCsrfHandler()))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                // Payment pages are never framed (frame-ancestors 'none', and X-Frame-Options DENY for old browsers: the
                // same answer twice), post only to themselves, and send no Referer; see docs/security.md.
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(SITE_CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(r -> r.anyRequest().permitAll());
        return http.build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }
}
