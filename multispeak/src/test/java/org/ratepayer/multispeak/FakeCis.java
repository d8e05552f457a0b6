package org.ratepayer.multispeak;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted CB endpoint on the JDK's HTTP server: answers every request as the test says and
 * keeps what it received.
 */
public final class FakeCis implements AutoCloseable {

    public record Request(String soapAction, String contentType, String body) {
    }

    public record Reply(int status, String contentType, String body, Duration delay) {

        public static Reply xml(String body) {
            return new Reply(200, "text/xml; charset=utf-8", body, Duration.ZERO);
        }

        public static Reply fault(String code, String text) {
            return new Reply(500, "text/xml; charset=utf-8", Soap.fault(code, text), Duration.ZERO);
        }

        public Reply after(Duration wait) {
            return new Reply(status, contentType, body, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> script = r -> new Reply(503, "text/plain", "no script", Duration.ZERO);

    public FakeCis() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tbx-daily/services/CB", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tbx-daily/services/CB";
    }

    public FakeCis answering(Function<Request, Reply> replies) {
        this.script = replies;
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestHeaders().getFirst("SOAPAction"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            requests.add(request);
            Reply reply = script.apply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (e.g. after its read timeout): nothing left to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
