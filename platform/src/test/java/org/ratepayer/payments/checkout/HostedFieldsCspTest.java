package org.ratepayer.payments.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payments.gateway.PaymentGateway;

/** A page's Content-Security-Policy with exactly its processor's origins added (docs/hosted-fields.md, "CSP"). */
class HostedFieldsCspTest {

    private static final String SITE = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final String PAY_NOW = "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors https://portal.example";

    private static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            // the site's policy has none of the three: each starts from 'self', as default-src gave it
            "sandbox on the site|SITE|http://localhost:8089|http://localhost:8089|none|"
                    + "SITE; script-src 'self' http://localhost:8089; frame-src 'self' http://localhost:8089",
            "stripe on the site|SITE|https://js.stripe.com|https://js.stripe.com https://hooks.stripe.com|https://api.stripe.com|"
                    + "SITE; script-src 'self' https://js.stripe.com; frame-src 'self' https://js.stripe.com https://hooks.stripe.com;"
                    + " connect-src 'self' https://api.stripe.com",
            // Pay Now's script-src is extended in place; its partners' frame-ancestors stay as they were
            "sandbox on Pay Now|PAY_NOW|http://localhost:8089|http://localhost:8089|none|"
                    + "default-src 'self'; script-src 'self' http://localhost:8089; img-src 'self' data:; style-src 'self'; "
                    + "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors https://portal.example; "
                    + "frame-src 'self' http://localhost:8089",
            // a directive that allowed nothing now allows exactly the processor
            "frame-src 'none'|default-src 'self'; frame-src 'none'|none|https://js.stripe.com|none|"
                    + "default-src 'self'; frame-src https://js.stripe.com",
            // a source already there is not repeated
            "already allowed|default-src 'self'; script-src 'self' https://js.stripe.com|https://js.stripe.com|none|none|"
                    + "default-src 'self'; script-src 'self' https://js.stripe.com"})
    void addsExactlyTheProcessorsSources(String name, String policy, String scripts, String frames, String connects, String expected) {
        String p = policy.replace("PAY_NOW", PAY_NOW).replace("SITE", SITE);
        PaymentGateway.HostedFields fields = new PaymentGateway.HostedFields("x", "https://x.example/x.js", Map.of(), list(scripts),
                list(frames), list(connects));
        assertThat(HostedFieldsCsp.extend(p, fields)).isEqualTo(expected.replace("SITE", SITE));
    }

    @org.junit.jupiter.api.Test
    void noFieldsNoChange() {
        assertThat(HostedFieldsCsp.extend(SITE, null)).isEqualTo(SITE);
    }
}
