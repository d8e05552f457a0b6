package org.ratepayer.paynow;

import org.ratepayer.paynow.internal.PostbackSignature;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner's postback endpoint for tests: a JDK HttpServer on 127.0.0.1 that keeps every request it gets
 * and answers with the status the test sets (and a Location for redirects).
 */
public final class PostbackReceiver implements AutoCloseable {

    /** One received request: method, path, the raw query string as sent, the signature headers. */
    public record Received(String method, String path, String rawQuery, String id, String timestamp, String signature) {

        public Map<String, String> params() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }

        public boolean verifies(String secret) {
            return PostbackSignature.verify(secret, id, timestamp, rawQuery, signature, System.currentTimeMillis() / 1000, 300);
        }
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile String location;
    private volatile String portalHtml = "<!DOCTYPE html><title>Partner portal</title><p id=\"portal\">Partner portal</p>";

    public PostbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The partner's own pages (its portal with the iframe, the ReturnURL): HTML, and not counted as postbacks.
        server.createContext("/portal", exchange -> {
            byte[] body = portalHtml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            var h = exchange.getRequestHeaders();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature")));
            exchange.getRequestBody().readAllBytes();
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            byte[] body = ("status " + status.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(int status, String location) {
        this.status.set(status);
        this.location = location;
    }

    /** What the partner portal page at /portal shows, e.g. an iframe of the hosted page. */
    public void portal(String html) {
        this.portalHtml = html;
    }

    public Received next(long seconds) throws InterruptedException {
        Received r = received.poll(seconds, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no postback arrived within " + seconds + " s");
        }
        return r;
    }

    public Received poll() {
        return received.poll();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
