package org.ratepayer.payments.internal.sandbox;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the sandbox processor's hosted fields are served: a second HTTP port of this same application, standing in for
 * a real processor's own origin (docs/hosted-fields.md, "The sandbox's origin"). The port is known only once the server
 * has started when {@code ratepayer.sandbox.fields.port} is 0 (a free port, the default).
 */
public final class SandboxFieldsOrigin {

    private final int configuredPort;
    private final String configuredUrl;
    private final AtomicInteger localPort = new AtomicInteger(-1);

    SandboxFieldsOrigin(int configuredPort, String configuredUrl) {
        this.configuredPort = configuredPort;
        this.configuredUrl = configuredUrl == null || configuredUrl.isBlank() ? null : configuredUrl.trim().replaceAll("/+$", "");
    }

    int configuredPort() {
        return configuredPort;
    }

    void started(int port) {
        localPort.set(port);
    }

    /** The port the sandbox's connector listens on; empty before it started (or in a test without a server). */
    public Optional<Integer> port() {
        int p = localPort.get();
        return p > 0 ? Optional.of(p) : Optional.empty();
    }

    /** The base URL pages load the sandbox's script and frame from, without a trailing slash. */
    public String base() {
        return configuredUrl != null ? configuredUrl : "http://localhost:" + port().orElse(configuredPort);
    }

    /** The origin alone (scheme, host, port), as a Content-Security-Policy source and a postMessage target. */
    public String origin() {
        return originOf(base());
    }

    /** {@code scheme://host[:port]} of an absolute URL. */
    public static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
