package org.ratepayer.multispeak;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom to call a CIS's MultiSpeak CB service.
 *
 * @param url            the CB service URL, e.g. {@code http://cis.example:8083/tbx-daily/services/CB}
 * @param userId         MultiSpeakMsgHeader UserID
 * @param password       MultiSpeakMsgHeader Pwd
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for the reply once the request is sent
 */
public record CbEndpoint(String url, String userId, String password, Duration connectTimeout, Duration readTimeout) {

    public CbEndpoint {
        Objects.requireNonNull(url, "url");
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("CB endpoint must be an http(s) URL: " + url);
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(password, "password");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            // zero would mean "wait forever" to the HTTP stack, which is never what a caller wants
            throw new IllegalArgumentException(name + " must be positive: " + timeout);
        }
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "CbEndpoint[url=" + url + ", userId=" + userId + ", password=***, connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
