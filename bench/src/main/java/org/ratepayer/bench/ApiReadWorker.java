package org.ratepayer.bench;

import java.nio.charset.StandardCharsets;

/**
 * The baseline of the HTTP benchmarks: a GET of the biller's newest invoice-file record with its API key -
 * authentication, one indexed read, a small JSON answer. What every request pays for Tomcat, security and
 * one database round trip.
 */
final class ApiReadWorker extends KeptAliveWorker {

    private final byte[] request;

    ApiReadWorker(int port, String apiKey, int timeoutMillis) {
        super(port, timeoutMillis);
        this.request = ("GET /api/v1/billers/" + BenchPlatform.BID + "/invoice-files?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Api-Key: " + apiKey + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String call(long n) throws Exception {
        int status = client.exchange(request);
        return status == 200 ? null : "status " + status;
    }
}
