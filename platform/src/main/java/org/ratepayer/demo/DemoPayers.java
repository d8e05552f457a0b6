package org.ratepayer.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's two payers, registered the way a Daffron CIS registers them: through the remote registration API with
 * the biller's web-service key (docs/payers-remote-registration.md). One holds two accounts; the other is a
 * co-owner of the first. Registration is idempotent, so every start of the demo leaves the same two users.
 */
final class DemoPayers {

    /** A demo payer; its password is printed and written to data/demo.json on purpose: it is a demo. */
    record DemoPayer(String username, String email, String password, List<String> accounts) {
        @Override
        public String toString() {
            return "DemoPayer[" + username + ", " + accounts + "]";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;

    DemoPayers(ObjectMapper json) {
        this.json = json;
    }

    static List<DemoPayer> wanted(List<String> accounts) {
        String first = accounts.get(0);
        String second = accounts.size() > 1 ? accounts.get(1) : first;
        return List.of(
                new DemoPayer("member1", "member1@example.org", "pay-my-bill-2178", List.of(first, second)),
                new DemoPayer("member2", "member2@example.org", "co-owner-2178", List.of(first)));
    }

    /** Registers each payer through the API of the running server at {@code baseUrl}. */
    void register(String baseUrl, long bid, String webServiceKey, List<DemoPayer> payers) throws IOException, InterruptedException {
        for (DemoPayer p : payers) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", p.username());
            body.put("email", p.email());
            body.put("accounts", p.accounts());
            body.put("password", p.password());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/billers/" + bid + "/remote-auth/users"))
                    .timeout(Duration.ofSeconds(30)).header("X-Api-Key", webServiceKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 && answer.statusCode() != 201) {
                throw new IOException("registering demo payer " + p.username() + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }
}
