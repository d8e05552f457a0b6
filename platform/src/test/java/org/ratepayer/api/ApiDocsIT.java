package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;

/**
 * Swagger UI answers with its page and its own scripts, now that the static resource chain is off (it was turned on
 * only by the UI's webjar locator; docs/benchmarks.md says why it is off).
 */
class ApiDocsIT extends PlatformIT {

    @Test
    void swaggerUiServesItsPageAndScripts() {
        Reply page = send(request("/swagger-ui/index.html").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js");
        Reply bundle = send(request("/swagger-ui/swagger-ui-bundle.js").GET());
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        Reply config = send(request("/v3/api-docs/swagger-config").GET());
        assertThat(config.status()).isEqualTo(200);
        assertThat(send(request("/swagger-ui.html").GET()).status()).isEqualTo(302);
    }
}
