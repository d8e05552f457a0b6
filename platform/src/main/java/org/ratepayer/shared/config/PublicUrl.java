package org.ratepayer.shared.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address payers, partners and billers reach this installation at: {@code ratepayer.public-url}
 * ({@code RATEPAYER_PUBLIC_URL}), e.g. {@code https://pay.example.coop}. Every absolute link the platform hands out
 * (the WSDL's soap:address, Pay Now's CloudPaymentURL, the API docs' server) is built from it and never from the
 * request's Host header, which the caller chooses (docs/security.md). Unset, it is {@code http://localhost:PORT},
 * which only a browser on the same machine can follow; a warning says so once at start.
 */
@Component
public class PublicUrl {

    private static final Logger log = LoggerFactory.getLogger(PublicUrl.class);

    private final String configured;
    private final int serverPort;
    private final ApplicationContext context;

    public PublicUrl(@Value("${ratepayer.public-url:}") String configured, @Value("${server.port:8080}") int serverPort,
            ApplicationContext context) {
        this.configured = configured.isBlank() ? null : normalize(configured.trim());
        this.serverPort = serverPort;
        this.context = context;
    }

    /**
     * An absolute http or https URL without user, query or fragment; a path is kept (a reverse proxy may serve the
     * platform under one), its trailing slashes are not.
     */
    static String normalize(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(value);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + path;
    }

    private static Invalid invalid(String value) {
        return new Invalid("ratepayer.public-url (RATEPAYER_PUBLIC_URL) must be the http or https address "
                + "payers and partners reach this installation at, such as https://pay.example.coop, without user, query "
                + "or fragment; got: " + value);
    }

    /** A {@code ratepayer.public-url} that cannot be used; {@link InvalidPublicUrlAnalyzer} reports it at start. */
    public static final class Invalid extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** The URL as configured, normalized; empty when the default is in use. */
    public Optional<String> configured() {
        return Optional.ofNullable(configured);
    }

    /** Scheme, host, port and path prefix, without a trailing slash. */
    public String base() {
        return configured != null ? configured : "http://localhost:" + localPort();
    }

    /** An absolute link to {@code path}, which starts with a slash. */
    public String link(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starting with /: " + path);
        }
        return base() + path;
    }

    /** The port this process serves HTTP on (once started, the real one when {@code server.port} is 0). */
    public int localPort() {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null
                && web.getWebServer().getPort() > 0) {
            return web.getWebServer().getPort();
        }
        return serverPort;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        if (configured == null && event.getApplicationContext().getServerNamespace() == null) {
            log.warn("ratepayer.public-url is not set: WSDL addresses and Pay Now links point at {}, which only this "
                    + "machine can open. Set RATEPAYER_PUBLIC_URL to the address payers and partners use.", base());
        }
    }
}
