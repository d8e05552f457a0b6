package org.ratepayer.daffron;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A biller's remote PDF settings (docs/presentment.md): base URL (advanced setting 20), service version
 * (setting 119) and whether setting 131 asks for {@code "BCTRModifier":"ValueAfterDash"}.
 *
 * <p>The BCTR modifier arrives as an already-parsed flag: setting 131 is a free JSON document
 * shared with unrelated rules (e.g. DataPumpConfigs), so reading it belongs to whoever owns
 * that document, not to the link builder.
 *
 * <p>Invalid settings are refused here, when the biller's configuration is read, so a bad
 * setting shows up as one clear error instead of one per invoice.
 */
public record PdfLinkConfig(String baseUrl, int version, boolean bctrValueAfterDash) {

    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 4;
    /** Seed 002: version 1 is the default when setting 119 is not configured. */
    public static final int DEFAULT_VERSION = 1;

    public PdfLinkConfig {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "setting " + DaffronSettings.REMOTE_PDF_URL + " (remote PDF base URL) is missing");
        }
        baseUrl = baseUrl.strip();
        parseBase(baseUrl);
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new IllegalArgumentException("setting " + DaffronSettings.REMOTE_PDF_VERSION
                    + " (remote PDF service version) must be 1 to 4, was " + version);
        }
    }

    /**
     * Reads settings 20 and 119 from a biller's advanced settings (number to raw value); an
     * absent or blank 119 means version 1. The setting-131 flag is passed in, see the class note.
     */
    public static PdfLinkConfig fromSettings(Map<Integer, String> settings, boolean bctrValueAfterDash) {
        String base = settings.get(DaffronSettings.REMOTE_PDF_URL);
        String rawVersion = settings.get(DaffronSettings.REMOTE_PDF_VERSION);
        int version = DEFAULT_VERSION;
        if (rawVersion != null && !rawVersion.isBlank()) {
            try {
                version = Integer.parseInt(rawVersion.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + DaffronSettings.REMOTE_PDF_VERSION
                        + " (remote PDF service version) is not a number: '" + rawVersion + "'");
            }
        }
        return new PdfLinkConfig(base, version, bctrValueAfterDash);
    }

    /** The base URL as a URI; always valid, the constructor checked it. */
    public URI baseUri() {
        return parseBase(baseUrl);
    }

    private static URI parseBase(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("setting " + DaffronSettings.REMOTE_PDF_URL
                    + " (remote PDF base URL) is not a valid URL: '" + baseUrl + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("setting " + DaffronSettings.REMOTE_PDF_URL
                    + " (remote PDF base URL) must be an http or https URL: '" + baseUrl + "'");
        }
        // Without a host the link would point nowhere; URI accepts e.g. "http:/eprint" or a
        // registry-based authority with an underscore, neither of which can be fetched.
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("setting " + DaffronSettings.REMOTE_PDF_URL
                    + " (remote PDF base URL) has no host: '" + baseUrl + "'");
        }
        return uri;
    }
}
