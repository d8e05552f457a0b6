package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;

/** The health check answers anyone, but only the operator learns what is behind it (database, disks, backlog). */
class HealthIT extends PlatformIT {

    @Test
    void strangersAndBillersSeeOnlyTheOverallStatus() {
        TestBiller b = newBiller();
        for (Reply health : List.of(send(request("/actuator/health").GET()),
                send(request("/actuator/health").header("X-Api-Key", b.apiKey()).GET()))) {
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().size()).as(health.body()).isEqualTo(1);
            assertThat(health.json().get("status").asText()).isIn("UP", "DEGRADED");
            assertThat(health.body()).doesNotContain("components", "details", "diskSpace", "postgres", "PostgreSQL",
                    "pending", "parked", "path");
        }
        assertThat(send(request("/actuator/health/postings").GET()).status()).as("no component by name either")
                .isEqualTo(404);
    }

    @Test
    void theOperatorSeesEveryComponentWithItsDetails() {
        Reply health = send(asOperator(request("/actuator/health")).GET());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.json().at("/components/diskSpace/details").has("free")).isTrue();
        assertThat(health.json().at("/components/postings/details").has("oldestPendingSeconds")).isTrue();
        assertThat(send(asOperator(request("/actuator/health/postings")).GET()).json().at("/details").has("pending"))
                .isTrue();
    }
}
