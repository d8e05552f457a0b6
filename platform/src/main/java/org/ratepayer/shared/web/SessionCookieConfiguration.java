package org.ratepayer.shared.web;

import org.ratepayer.shared.config.PublicUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie (payment page, portal) is {@code Secure} when payers reach the platform over https
 * ({@code ratepayer.public-url}), also when TLS ends at a proxy in front and this server itself sees plain http.
 * HttpOnly and SameSite are set in application.yml; see docs/security.md. Sessions are Spring Session's, kept in
 * PostgreSQL, so its cookie serializer writes the cookie; the container's setting covers any other session.
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

    @Bean
    org.springframework.boot.autoconfigure.session.DefaultCookieSerializerCustomizer secureSpringSessionCookie(PublicUrl publicUrl) {
        boolean https = publicUrl.configured().filter(url -> url.startsWith("https://")).isPresent();
        return (DefaultCookieSerializer serializer) -> {
            if (https) {
                serializer.setUseSecureCookie(true);
            }
        };
    }
}
