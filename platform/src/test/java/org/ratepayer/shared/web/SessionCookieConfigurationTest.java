package org.ratepayer.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ratepayer.shared.config.PublicUrl;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockServletContext;

class SessionCookieConfigurationTest {

    private static boolean secure(String publicUrl) throws Exception {
        MockServletContext servletContext = new MockServletContext();
        new SessionCookieConfiguration().secureSessionCookie(new PublicUrl(publicUrl, 8080, new GenericApplicationContext()))
                .onStartup(servletContext);
        return servletContext.getSessionCookieConfig().isSecure();
    }

    @Test
    void theSessionCookieIsSecureWhenPayersComeOverHttps() throws Exception {
        assertThat(secure("https://pay.example.coop")).isTrue();
        assertThat(secure("http://localhost:8080")).isFalse();
        assertThat(secure("")).isFalse();
    }
}
