package org.ratepayer.shared.web;

/** A request header, read by the application, whose value holds a control character or a byte that is not printable. */
public final class BadHeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final String header;

    public BadHeaderException(String header) {
        super("the " + header + " header holds a control character or a byte that is not printable; send printable ASCII");
        this.header = header;
    }

    public String header() {
        return header;
    }
}
