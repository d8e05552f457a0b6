package org.ratepayer.daffron;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** An ordered list of URL-encoded query parameters that can be appended to a base URI. */
final class QueryString {

    private final StringBuilder encoded = new StringBuilder();

    QueryString add(String name, String value) {
        if (!encoded.isEmpty()) {
            encoded.append('&');
        }
        encoded.append(encode(name)).append('=').append(encode(value));
        return this;
    }

    /**
     * Appends the parameters to {@code base}, keeping its path exactly as configured (a trailing
     * slash may matter to the CIS web server) and any query it already has.
     */
    URI appendTo(URI base) {
        StringBuilder url = new StringBuilder();
        url.append(base.getScheme()).append("://").append(base.getRawAuthority());
        if (base.getRawPath() != null) {
            url.append(base.getRawPath());
        }
        String existing = base.getRawQuery();
        if (existing == null) {
            url.append('?');
        } else {
            url.append('?').append(existing);
            if (!existing.isEmpty() && !existing.endsWith("&")) {
                url.append('&');
            }
        }
        url.append(encoded);
        // A fragment never reaches the server, but keeping it leaves the configured URL intact.
        if (base.getRawFragment() != null) {
            url.append('#').append(base.getRawFragment());
        }
        return URI.create(url.toString());
    }

    /**
     * UTF-8 percent-encoding; a space becomes {@code %20} rather than the form-style {@code +},
     * because {@code %20} reads as a space to every decoder while {@code +} does only to form
     * decoders.
     */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return encoded.toString();
    }
}
