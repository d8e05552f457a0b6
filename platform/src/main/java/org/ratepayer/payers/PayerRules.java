package org.ratepayer.payers;

import java.util.Optional;
import org.ratepayer.shared.web.Refusal.Kind;

/**
 * The rules of payer identity, free of storage and HTTP (docs/payers.md): what a username, an email address and a
 * password may be, how many users an account may have, and where a sign-on link may land.
 */
public final class PayerRules {

    /** A password set in our own portal; ASVS 2.1.1 asks for at least 12 characters. */
    public static final int PORTAL_PASSWORD_MIN = 12;
    /** A password the CIS's portal set and pushes to us: its own policy applied; we refuse only the unusable. */
    public static final int CIS_PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;

    private PayerRules() {
    }

    /** A refusal, as the rules say it; the module turns it into a {@link PayerRefusal}. */
    public record Violation(Kind kind, String code, String field, String message) {

        public PayerRefusal refusal() {
            return new PayerRefusal(kind, code, field, message);
        }
    }

    /** Throws the violation's refusal, if there is one: how every payers service applies a rule. */
    public static void require(Optional<Violation> violation) {
        if (violation.isPresent()) {
            throw violation.get().refusal();
        }
    }

    public static Optional<Violation> checkUsername(String username) {
        if (username == null || username.isBlank()) {
            return invalid("username", "required");
        }
        if (username.length() > 100) {
            return invalid("username", "must be at most 100 characters");
        }
        if (!username.equals(username.strip()) || username.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return invalid("username", "must not start or end with spaces or hold control characters");
        }
        return Optional.empty();
    }

    public static Optional<Violation> checkEmail(String email) {
        if (email == null || email.isBlank()) {
            return invalid("email", "required");
        }
        int at = email.indexOf('@');
        if (email.length() > 254 || at < 1 || at != email.lastIndexOf('@') || at == email.length() - 1
                || email.chars().anyMatch(c -> c <= 0x20 || c == 0x7F) || !email.substring(at + 1).contains(".")) {
            return invalid("email", "must be an email address such as name@example.org");
        }
        return Optional.empty();
    }

    /** Length only (ASVS 2.1): no composition rules, any character, spaces included. */
    public static Optional<Violation> checkPassword(String password, int minimum) {
        if (password == null || password.isEmpty()) {
            return invalid("password", "required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minimum) {
            return invalid("password", "must be at least " + minimum + " characters");
        }
        if (length > PASSWORD_MAX) {
            return invalid("password", "must be at most " + PASSWORD_MAX + " characters");
        }
        if (password.isBlank()) {
            return invalid("password", "must not be only spaces");
        }
        return Optional.empty();
    }

    /**
     * Whether one more user may hold an account that {@code others} users hold already: always the first; a second
     * only with option 74 (several users per account) and option 78 (co-owners), and never more than option 79.
     */
    public static Optional<Violation> checkCoOwner(String account, int others, boolean multipleLogin, boolean coOwners, int maximum) {
        if (others == 0) {
            return Optional.empty();
        }
        if (!multipleLogin || !coOwners) {
            return Optional.of(new Violation(Kind.CONFLICT, "account_already_registered", "accounts",
                    "account " + account + " already has a user, and this biller allows one user per account (options 74 and 78)"));
        }
        if (others + 1 > maximum) {
            return Optional.of(new Violation(Kind.NOT_ALLOWED, "co_owner_limit", "accounts",
                    "account " + account + " already has " + others + " users, the most this biller allows (option 79)"));
        }
        return Optional.empty();
    }

    /** The portal's home for a biller. */
    public static String home(long bid) {
        return "/portal/" + bid;
    }

    /**
     * Where a sign-on link may land: a path of this biller's portal, and nothing that a browser could read as
     * another site ({@code //host}, a scheme, a backslash) or another biller's portal; anything else lands home.
     */
    public static String safeTarget(long bid, String target) {
        String home = home(bid);
        if (target == null || target.isBlank()) {
            return home;
        }
        boolean inPortal = target.equals(home) || target.startsWith(home + "/") || target.startsWith(home + "?");
        boolean plain = target.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '\\') && !target.contains("//")
                && !target.contains("/../") && !target.endsWith("/..") && !target.contains("/./") && !target.contains("%");
        return inPortal && plain && target.length() <= 500 ? target : home;
    }

    private static Optional<Violation> invalid(String field, String message) {
        return Optional.of(new Violation(Kind.INVALID, "invalid_field", field, message));
    }
}
