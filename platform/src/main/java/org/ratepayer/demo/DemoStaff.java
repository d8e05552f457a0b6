package org.ratepayer.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo biller's first staff administrator, created the way an operator creates one: through the operator API
 * (docs/staff-portal.md, "The first administrator"). Its one-time password exists only in the answer that created it, so
 * the banner and data/demo.json show it on the start that made the user; later starts say the password is the one its
 * user chose (delete data/ to see the first sign-in again).
 */
final class DemoStaff {

    static final String USERNAME = "admin";

    /** @param oneTimePassword null when the administrator existed before this start */
    record Administrator(String username, String oneTimePassword, String signInUrl) {
        @Override
        public String toString() {
            return "Administrator[" + username + "]";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;

    DemoStaff(ObjectMapper json) {
        this.json = json;
    }

    Administrator ensureAdministrator(String baseUrl, long bid, String operatorToken) throws IOException, InterruptedException {
        String signIn = baseUrl + "/staff/" + bid + "/sign-in";
        String body = json.writeValueAsString(java.util.Map.of("username", USERNAME, "email", "admin@example.org"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/billers/" + bid + "/staff-users"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 201) {
            JsonNode created = json.readTree(answer.body());
            return new Administrator(USERNAME, created.path("oneTimePassword").asText(), signIn);
        }
        if (answer.statusCode() == 409) {
            return new Administrator(USERNAME, null, signIn);
        }
        throw new IOException("creating the demo's staff administrator answered " + answer.statusCode() + ": " + answer.body());
    }
}
