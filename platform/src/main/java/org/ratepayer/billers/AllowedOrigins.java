package org.ratepayer.billers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Setting 1003: the web origins a biller's Pay Now partners use (docs/paynow.md). PostBackURL, ReturnURL and
 * CssUrl must point at one of them, and only they may frame the hosted page. Written as
 * {@code https://host} or {@code https://host:port}, several separated by spaces or commas;
 * {@code https://*.example.org} allows any subdomain of example.org (not example.org itself). Only https:
 * a partner's callback carries payment results, so it never travels in clear text. Pure, so the
 * validator and the request check share one reading.
 */
public final class AllowedOrigins {

    /** One allowed origin: a host (or a subdomain wildcard) and a port, https only. */
    public record Origin(String host, boolean anySubdomain, int port) {

        boolean allows(String scheme, String otherHost, int otherPort) {
            if (!"https".equals(scheme) || otherPort != port) {
                return false;
            }
            return anySubdomain ? otherHost.endsWith("." + host) : otherHost.equals(host);
        }

        /** As written in a Content-Security-Policy source list. */
        public String source() {
            return "https://" + (anySubdomain ? "*." : "") + host + (port == 443 ? "" : ":" + port);
        }
    }

    private final List<Origin> origins;

    private AllowedOrigins(List<Origin> origins) {
        this.origins = List.copyOf(origins);
    }

    public static AllowedOrigins none() {
        return new AllowedOrigins(List.of());
    }

    /**
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static AllowedOrigins parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        Set<Origin> out = new LinkedHashSet<>();
        int position = 0;
        for (String entry : text.trim().split("[\\s,]+")) {
            position++;
            out.add(origin(position, entry));
        }
        return new AllowedOrigins(new ArrayList<>(out));
    }

    private static Origin origin(int position, String entry) {
        String where = "entry " + position + " '" + entry + "'";
        URI uri;
        try {
            uri = new URI(entry.replace("://*.", "://wildcard."));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + " is not an origin like https://portal.example.org");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(where + " is not an origin like https://portal.example.org");
        }
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException(where + " must use https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException(where + " must be an origin only (scheme, host and optional port), without a path");
        }
        boolean wildcard = entry.contains("://*.");
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (wildcard) {
            host = host.substring("wildcard.".length());
            if (!host.contains(".")) {
                throw new IllegalArgumentException(where + ": a wildcard must cover a domain with a dot, e.g. https://*.example.org");
            }
        }
        return new Origin(host, wildcard, uri.getPort() == -1 ? 443 : uri.getPort());
    }

    public boolean allows(URI url) {
        if (url.getScheme() == null || url.getHost() == null) {
            return false;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : url.getPort();
        return origins.stream().anyMatch(o -> o.allows(scheme, host, port));
    }

    public List<Origin> origins() {
        return origins;
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    /** The canonical text stored for setting 1003. */
    public String canonical() {
        return String.join(" ", origins.stream().map(Origin::source).toList());
    }
}
