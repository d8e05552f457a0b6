package org.ratepayer.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class PublicUrlTest {

    private static PublicUrl of(String configured) {
        return new PublicUrl(configured, 8080, new GenericApplicationContext());
    }

    @Test
    void linksAreBuiltOnTheConfiguredUrl() {
        assertThat(of("https://Pay.Example.coop/").link("/paynow/abc")).isEqualTo("https://pay.example.coop/paynow/abc");
        assertThat(of(" https://pay.example.coop:8443/ratepayer// ").base()).isEqualTo("https://pay.example.coop:8443/ratepayer");
        assertThat(of("http://localhost:9090").configured()).contains("http://localhost:9090");
    }

    @Test
    void withoutOneLinksPointAtThisMachinesPort() {
        assertThat(of("").configured()).isEmpty();
        assertThat(of("").base()).isEqualTo("http://localhost:8080");
    }

    @Test
    void anythingButAnHttpOrHttpsBaseStopsTheStart() {
        for (String bad : new String[] {"pay.example.coop", "ftp://pay.example.coop", "https://user:pw@pay.example.coop",
                "https://pay.example.coop/?x=1", "https://pay.example.coop/#top", "https:///nohost", "http://bad host"}) {
            assertThatThrownBy(() -> of(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ratepayer.public-url (RATEPAYER_PUBLIC_URL) must be").hasMessageContaining(bad);
        }
    }

    @Test
    void theDefaultIsWarnedAboutOnceAtStartAndAConfiguredUrlIsNot(CapturedOutput output) {
        WebServerInitializedEvent started = mock(WebServerInitializedEvent.class);
        ServletWebServerApplicationContext context = mock(ServletWebServerApplicationContext.class);
        when(started.getApplicationContext()).thenReturn(context);

        of("https://pay.example.coop").started(started);
        assertThat(output.getOut()).doesNotContain("ratepayer.public-url");

        of("").started(started);
        assertThat(output.getOut()).containsOnlyOnce("ratepayer.public-url is not set").contains("http://localhost:8080")
                .contains("RATEPAYER_PUBLIC_URL");
    }

    @Test
    void aBadUrlStopsTheStartWithItsOwnMessage(CapturedOutput output) {
        SpringApplication app = new SpringApplication(PublicUrl.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run("--ratepayer.public-url=pay.example.coop")).isInstanceOf(BeanCreationException.class);
        assertThat(output.toString()).contains("APPLICATION FAILED TO START")
                .contains("ratepayer.public-url (RATEPAYER_PUBLIC_URL) must be the http or https address")
                .contains("Set RATEPAYER_PUBLIC_URL");
    }
}
