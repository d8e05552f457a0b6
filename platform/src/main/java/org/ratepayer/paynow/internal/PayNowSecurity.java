package org.ratepayer.paynow.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The Pay Now API and hosted page keep no server session and set no cookie: the API authenticates each
 * call by its key, and the page carries its own unguessable page key in every URL. That is what lets the
 * page work inside a partner's iframe, where browsers withhold third-party cookies. The page key doubles
 * as the anti-forgery token (a forged form cannot know it), so Spring's session-bound CSRF token is off
 * here. Framing is decided per page ({@code frame-ancestors}, from the biller's allowed origins), and no
 * Referer is sent, so the page key never reaches a partner's server through a link or a stylesheet.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class PayNowSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain payNowChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/cloudpaymentsapi/**", "/paynow/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.disable())
                        // what a response gets when its page set no policy of its own (an error, the API)
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; object-src 'none'; "
                                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(r -> r.anyRequest().permitAll());
        return http.build();
    }
}
