package org.ratepayer.billing.internal;

/**
 * The name an uploaded invoice file is recorded under, whichever door it came through (REST, SOAP,
 * form): only its last path segment, with anything but letters, digits, {@code .}, {@code _} and
 * {@code -} made {@code _}; without a usable name, {@code BID_upload.bif}. See docs/invoice-files.md.
 */
public final class UploadFileNames {

    private UploadFileNames() {
    }

    public static String safe(String requested, long bid) {
        String base = requested == null ? "" : requested.substring(Math.max(requested.lastIndexOf('/'), requested.lastIndexOf('\\')) + 1);
        if (base.isBlank() || base.equals(".") || base.equals("..")) {
            return bid + "_upload.bif";
        }
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
