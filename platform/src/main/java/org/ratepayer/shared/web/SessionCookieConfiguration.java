package org.ratepayer.shared.web;

import org.ratepayer.shared.config.PublicUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment page's session cookie is {@code Secure} when payers reach the platform over https
 * ({@code ratepayer.public-url}), also when TLS ends at a proxy in front and this server itself sees plain http.
 * HttpOnly and SameSite are set in application.yml; see docs/security.md.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    @Bean
    ServletContextInitializer secureSessionCookie(PublicUrl publicUrl) {
        return servletContext -> {
            if (publicUrl.configured().filter(url -> url.startsWith("https://")).isPresent()) {
                servletContext.getSessionCookieConfig().setSecure(true);
            }
        };
    }
}
