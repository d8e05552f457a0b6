package org.ratepayer.paynow;

import org.ratepayer.paynow.internal.PartnerUrlPolicy;
import org.ratepayer.paynow.internal.PayNowRequestException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.ratepayer.billers.AllowedOrigins;

class PartnerUrlPolicyTest {

    private final AllowedOrigins origins = AllowedOrigins.parse("https://portal.avocette.example, https://*.coop.example:8443");

    @Test
    void httpsToAnAllowedOriginOnly() {
        PartnerUrlPolicy p = new PartnerUrlPolicy(origins, false);
        assertThat(p.allows(URI.create("https://portal.avocette.example/postback.aspx?x=1"))).isTrue();
        assertThat(p.allows(URI.create("https://PORTAL.avocette.example:443/a"))).isTrue();
        assertThat(p.allows(URI.create("http://portal.avocette.example/postback"))).as("plain http").isFalse();
        assertThat(p.allows(URI.create("https://portal.avocette.example:8443/"))).as("another port").isFalse();
        assertThat(p.allows(URI.create("https://evil.example/postback"))).isFalse();
        assertThat(p.allows(URI.create("https://portal.avocette.example.evil.example/"))).as("suffix trick").isFalse();
        assertThat(p.allows(URI.create("https://members.coop.example:8443/"))).as("wildcard subdomain").isTrue();
        assertThat(p.allows(URI.create("https://coop.example:8443/"))).as("a wildcard does not cover the bare domain").isFalse();
        assertThat(p.allows(URI.create("https://x@portal.avocette.example/"))).as("user info").isFalse();
        assertThat(p.allows(URI.create("http://127.0.0.1:8080/"))).as("loopback without the demo switch").isFalse();
    }

    @Test
    void theDemoAlsoAllowsThisMachineOverHttp() {
        PartnerUrlPolicy p = new PartnerUrlPolicy(AllowedOrigins.none(), true);
        assertThat(p.allows(URI.create("http://127.0.0.1:9999/postback"))).isTrue();
        assertThat(p.allows(URI.create("http://localhost:3000/"))).isTrue();
        assertThat(p.allows(URI.create("http://10.0.0.1/"))).isFalse();
        assertThat(p.allows(URI.create("http://localhost.evil.example/"))).isFalse();
        assertThat(p.frameAncestors()).contains("http://localhost:*");
    }

    @Test
    void butNotTheInstallationsOwnServicesOnIt() {
        PartnerUrlPolicy p = new PartnerUrlPolicy(AllowedOrigins.none(), true, java.util.Set.of(8080, 8087, 80));
        assertThat(p.allows(URI.create("http://127.0.0.1:8087/admin/reset"))).isFalse();
        assertThat(p.allows(URI.create("http://LOCALHOST:8080/api/v1/billers"))).isFalse();
        assertThat(p.allows(URI.create("http://localhost/"))).as("port 80 when none is given").isFalse();
        assertThat(p.allows(URI.create("https://localhost/"))).as("https: 443").isTrue();
        assertThat(p.allows(URI.create("http://[::1]:8087/"))).isFalse();
        assertThat(p.allows(URI.create("http://127.0.0.1:9099/postback"))).isTrue();
        assertThatThrownBy(() -> p.check("PostBackURL", URI.create("http://127.0.0.1:8087/admin/reset")))
                .isInstanceOfSatisfying(PayNowRequestException.class, e -> assertThat(e.field()).isEqualTo("PostBackURL"))
                .hasMessage("PostBackURL: http://127.0.0.1:8087 is one of this installation's own services; a partner URL may not point at it");
    }

    @Test
    void checkNamesTheFieldAndFrameAncestorsListTheOrigins() {
        PartnerUrlPolicy p = new PartnerUrlPolicy(origins, false);
        assertThatThrownBy(() -> p.check("PostBackURL", URI.create("https://evil.example/x")))
                .isInstanceOfSatisfying(PayNowRequestException.class, e -> assertThat(e.field()).isEqualTo("PostBackURL"))
                .hasMessageContaining("https://evil.example is not one of the biller's allowed partner origins");
        assertThat(p.frameAncestors()).isEqualTo("https://portal.avocette.example https://*.coop.example:8443");
        assertThat(new PartnerUrlPolicy(AllowedOrigins.none(), false).frameAncestors()).isEqualTo("'none'");
    }

    @Test
    void originListsAreValidatedOnWrite() {
        assertThat(origins.canonical()).isEqualTo("https://portal.avocette.example https://*.coop.example:8443");
        assertThatThrownBy(() -> AllowedOrigins.parse("http://portal.example")).hasMessage("entry 1 'http://portal.example' must use https");
        assertThatThrownBy(() -> AllowedOrigins.parse("https://a.example https://b.example/path"))
                .hasMessageContaining("entry 2").hasMessageContaining("without a path");
        assertThatThrownBy(() -> AllowedOrigins.parse("portal.example")).hasMessageContaining("is not an origin");
        assertThatThrownBy(() -> AllowedOrigins.parse("https://*.com")).hasMessageContaining("a wildcard must cover a domain");
    }
}
