package org.ratepayer.shared.throttle;

/** The words of a refusal, the same on every door that answers with problem details. */
public final class TooManyAttempts {

    public static final String TYPE = "too-many-attempts";
    public static final String TITLE = "Too many failed attempts";

    private TooManyAttempts() {
    }

    public static String inWords(long seconds) {
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }

    public static String detail(long seconds) {
        return "too many wrong credentials came from this address; try again in " + inWords(seconds);
    }
}
