package org.ratepayer.shared.web;

/** The keys a biller is issued per environment (docs/invoice-files.md): web-service key, API key, and the Pay Now key. */
public enum KeyKind {
    WEB_SERVICE("ws"),
    API("api"),
    CPV2("cp");

    private final String prefix;

    KeyKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
