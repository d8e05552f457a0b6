package org.ratepayer.cissim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP for tests that must control the exact bytes on the wire. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminToken;

    /** Sends no credentials. */
    Http() {
        this(null);
    }

    /** Sends the simulator's admin token with every request. */
    Http(String adminToken) {
        this.adminToken = adminToken;
    }

    HttpResponse<String> soap(String url, String operation, String envelope) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"http://www.multispeak.org/Version_3.0/" + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build());
    }

    HttpResponse<String> get(String url) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url))).GET().build());
    }

    HttpResponse<byte[]> getBytes(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> json(String method, String url, String body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url))).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return adminToken == null ? request : request.header("Authorization", "Bearer " + adminToken);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
