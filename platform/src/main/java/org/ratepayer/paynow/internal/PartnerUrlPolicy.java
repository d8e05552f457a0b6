package org.ratepayer.paynow.internal;

import org.ratepayer.paynow.LocalServices;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.ratepayer.billers.AllowedOrigins;

/**
 * Which partner URLs the platform will call, link to or load (PostBackURL, ReturnURL, CssUrl): https
 * to one of the biller's allowed origins (setting 1003). On a demo or development installation
 * ({@code ratepayer.pay-now.loopback-http}) plain http to this machine (localhost, 127.0.0.1) is also
 * allowed, except the ports of the installation's own services ({@link LocalServices}), so a partner portal running
 * next to the demo can try the whole flow. Pure.
 */
public record PartnerUrlPolicy(AllowedOrigins origins, boolean loopbackHttp, Set<Integer> localServicePorts) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public PartnerUrlPolicy {
        localServicePorts = Set.copyOf(localServicePorts);
    }

    public PartnerUrlPolicy(AllowedOrigins origins, boolean loopbackHttp) {
        this(origins, loopbackHttp, Set.of());
    }

    public boolean allows(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null || url.getRawUserInfo() != null) {
            return false;
        }
        if (loopback(url)) {
            return !localService(url);
        }
        return origins.allows(url);
    }

    private boolean loopback(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return loopbackHttp && (scheme.equals("http") || scheme.equals("https"))
                && LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
    }

    private boolean localService(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return localServicePorts.contains(port);
    }

    /** @throws PayNowRequestException naming the field when the URL is not allowed */
    public void check(String field, URI url) {
        if (url != null && url.getScheme() != null && url.getHost() != null && loopback(url) && localService(url)) {
            throw new PayNowRequestException(field, url.getScheme() + "://" + url.getAuthority()
                    + " is one of this installation's own services; a partner URL may not point at it");
        }
        if (url != null && !allows(url)) {
            throw new PayNowRequestException(field, url.getScheme() + "://" + url.getAuthority()
                    + " is not one of the biller's allowed partner origins (https only; setting 1003)");
        }
    }

    /** The sources allowed to frame the hosted page, for {@code Content-Security-Policy: frame-ancestors}. */
    public String frameAncestors() {
        StringBuilder sb = new StringBuilder();
        for (AllowedOrigins.Origin o : origins.origins()) {
            sb.append(' ').append(o.source());
        }
        if (loopbackHttp) {
            sb.append(" http://localhost:* http://127.0.0.1:* https://localhost:* https://127.0.0.1:*");
        }
        return sb.isEmpty() ? "'none'" : sb.substring(1);
    }

    /** The origin of a URL, as a CSP source. */
    public static String originOf(URI url) {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority();
    }
}
