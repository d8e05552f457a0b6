package org.ratepayer.shared.web;

/**
 * A request a module refuses, said in business terms: what kind of refusal, a stable problem type and code, and the
 * field it is about. Modules throw these and never speak HTTP; {@link ApiErrors} alone turns them into problem
 * details (docs/architecture.md, "HTTP at the edge").
 */
public abstract class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;


    /** What went wrong, from the caller's side; each has one HTTP status in {@link ApiErrors}. */
    public enum Kind {
        /** The request itself is wrong: a field is missing or malformed. */
        INVALID,
        /** What the request names does not exist (for this caller). */
        NOT_FOUND,
        /** It exists already, or is in a state that does not allow this now. */
        CONFLICT,
        /** Well formed, but the rules do not allow it. */
        NOT_ALLOWED,
        /** Nothing the caller did: a part of the system failed; trying again may work. */
        UNAVAILABLE
    }

    /** The plain title of a refusal of a kind, for modules whose refusals need no title of their own. */
    public static String title(Kind kind) {
        return switch (kind) {
            case INVALID -> "Bad request";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case NOT_ALLOWED -> "Not allowed";
            case UNAVAILABLE -> "Unavailable";
        };
    }

    private final Kind kind;
    private final String type;
    private final String title;
    private final String code;
    private final String field;

    /**
     * @param type  the last part of the problem type, e.g. {@code not-found}
     * @param title the problem's short title
     * @param code  the stable code callers branch on, or null where the type says it all
     * @param field the request field at fault, or null
     */
    protected Refusal(Kind kind, String type, String title, String code, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.type = type;
        this.title = title;
        this.code = code;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** What the caller is told; the message by default, something plainer where the message is for the log. */
    public String detail() {
        return getMessage();
    }
}
