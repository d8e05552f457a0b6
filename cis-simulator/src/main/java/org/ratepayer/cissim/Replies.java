package org.ratepayer.cissim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** Small HTTP answers shared by the simulator's servlets and filters. */
final class Replies {

    private Replies() {
    }

    static void send(HttpServletResponse response, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** 503 and a closed connection, like a CIS behind a load balancer with no healthy node. */
    static void serviceUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        response.setHeader("Retry-After", "30");
        send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
                "503 Service Unavailable (simulated: CIS down)");
    }
}
