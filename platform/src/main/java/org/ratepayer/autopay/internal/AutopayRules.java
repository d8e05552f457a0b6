package org.ratepayer.autopay.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.ratepayer.payments.Method;

/**
 * Who autopay charges on a date, and how much (docs/autopay.md). Pure: no Spring, no database, no clock; the
 * run engine gathers the facts and acts on the answer.
 */
public final class AutopayRules {

    private AutopayRules() {
    }

    /** Reason codes of a bill not charged; the run report counts them and the "not charged" event carries them. */
    public static final String NO_BALANCE = "no_balance";
    public static final String ABOVE_MAXIMUM = "above_maximum";
    public static final String METHOD_BLOCKED = "method_blocked";
    public static final String CARD_EXPIRED = "card_expired";
    public static final String CIS_UNREACHABLE = "cis_unreachable";

    /** How an earlier attempt at the same bill ended, as far as the rule cares. */
    public enum Past {
        /** Claimed and maybe at the processor, or approved: the bill is never charged again. */
        LIVE_OR_APPROVED,
        /** Declined or a processor error: retried on the biller's schedule. */
        FAILED,
        /** The CIS could not be reached: retried the same day. */
        CIS_UNREACHABLE,
        /** Not charged for a reason, for good (or the day ended with the CIS unreachable). */
        SKIPPED,
        /** Interrupted before any payment existed: as if it never happened. */
        ABANDONED
    }

    public record PastAttempt(Past outcome, LocalDate runDate) {
    }

    /**
     * An enrolled account's newest unpaid bill.
     *
     * @param collectOn  the invoice's AutoPayCollectionDate (FileSpecId 2002), else its due date
     * @param enrolledOn the biller's calendar date autopay was enrolled
     * @param cardExpiry the saved card's expiry when known (a bank account, or a card enrolled through the API, has none)
     * @param retryDays  days after the first failed attempt on which it is tried again (default 1 and 3)
     * @param past       earlier attempts at this bill, oldest first
     */
    public record Candidate(LocalDate runDate, LocalDate collectOn, LocalDate enrolledOn, Method method, YearMonth cardExpiry,
            List<Integer> retryDays, List<PastAttempt> past) {

        public Candidate {
            retryDays = List.copyOf(retryDays);
            past = List.copyOf(past);
        }
    }

    public enum Verdict {
        /** Charge it now (a first attempt, a retry that is due, or the same day's retry after the CIS was unreachable). */
        DUE,
        /** Not yet: the bill is collected later, or the next retry is on a later day. */
        NOT_YET,
        /** Done with: charged, not charged for good, retries spent, or collected before autopay was enrolled. */
        DONE,
        /** Due, but the card expired before the run date: not charged. */
        CARD_EXPIRED
    }

    public static Verdict due(Candidate c) {
        if (c.collectOn().isAfter(c.runDate())) {
            return Verdict.NOT_YET;
        }
        // An overdue bill is not charged just because someone enrolled: only bills collected on or after enrolment.
        if (c.collectOn().isBefore(c.enrolledOn())) {
            return Verdict.DONE;
        }
        LocalDate firstFailure = null;
        int failures = 0;
        boolean unreachableToday = false;
        for (PastAttempt p : c.past()) {
            switch (p.outcome()) {
                case LIVE_OR_APPROVED, SKIPPED -> {
                    return Verdict.DONE;
                }
                case FAILED -> {
                    failures++;
                    if (firstFailure == null) {
                        firstFailure = p.runDate();
                    }
                    unreachableToday = false;
                }
                case CIS_UNREACHABLE -> {
                    if (!p.runDate().equals(c.runDate())) {
                        // an earlier day's outage not yet closed: the run closes it first, it is never charged late
                        return Verdict.DONE;
                    }
                    unreachableToday = true;
                }
                case ABANDONED -> {
                    // nothing was charged: as if it never happened
                }
            }
        }
        if (failures > 0 && !unreachableToday) {
            if (failures > c.retryDays().size()) {
                return Verdict.DONE;
            }
            LocalDate next = firstFailure.plusDays(c.retryDays().get(failures - 1));
            if (next.isAfter(c.runDate())) {
                return Verdict.NOT_YET;
            }
        }
        if (c.method() == Method.CARD && c.cardExpiry() != null && c.cardExpiry().atEndOfMonth().isBefore(c.runDate())) {
            return Verdict.CARD_EXPIRED;
        }
        return Verdict.DUE;
    }

    /** The date of the next attempt after {@code failures} failed ones, the first on {@code firstFailure}; null when none is left. */
    public static LocalDate nextRetry(LocalDate firstFailure, int failures, List<Integer> retryDays) {
        return failures > retryDays.size() ? null : firstFailure.plusDays(retryDays.get(failures - 1));
    }

    /**
     * The refreshed balance (C3) of a due bill, and what may be charged.
     *
     * @param source        the balance's source: {@code cis} or {@code cached} are live, {@code fallback} is the last known one
     * @param maximumAmount the payer's maximum for one bill, or null for none
     */
    public record Balance(BigDecimal balanceDue, String source, boolean blockAch, boolean blockCc, Method method,
            BigDecimal maximumAmount) {
    }

    /** Charge {@code amount}, or do not, for {@code reason}. */
    public record Charge(BigDecimal amount, String reason) {

        public boolean charges() {
            return reason == null;
        }
    }

    public static Charge charge(Balance b) {
        // A fallback balance is the last one known, not what is owed now: it is never charged.
        if ("fallback".equals(b.source())) {
            return new Charge(null, CIS_UNREACHABLE);
        }
        if (b.balanceDue() == null || b.balanceDue().signum() <= 0) {
            return new Charge(null, NO_BALANCE);
        }
        if (b.method() == Method.ACH ? b.blockAch() : b.blockCc()) {
            return new Charge(null, METHOD_BLOCKED);
        }
        if (b.maximumAmount() != null && b.balanceDue().compareTo(b.maximumAmount()) > 0) {
            return new Charge(null, ABOVE_MAXIMUM);
        }
        return new Charge(b.balanceDue(), null);
    }

    /** Parses setting 1009 ("1,3", or "none" for no retry): days after the first failure, increasing; null or unusable text gives the default. */
    public static List<Integer> retryDays(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_RETRY_DAYS;
        }
        if (setting.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        try {
            List<Integer> days = java.util.Arrays.stream(setting.split(",")).map(String::strip).map(Integer::valueOf).toList();
            for (int i = 0; i < days.size(); i++) {
                if (days.get(i) < 1 || days.get(i) > 60 || i > 0 && days.get(i) <= days.get(i - 1)) {
                    return DEFAULT_RETRY_DAYS;
                }
            }
            return days;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_DAYS;
        }
    }

    public static final List<Integer> DEFAULT_RETRY_DAYS = List.of(1, 3);

    /**
     * A due account as option 128 sees it.
     *
     * @param custom10 the full Custom10 of the account's newest unpaid invoice (blank or null: in no group)
     * @param token    the saved method its autopay charges
     */
    public record Member(String accountNumber, String custom10, String token) {
    }

    /**
     * Option 128 (docs/autopay.md, "Custom10 groups"): the due accounts charged together. Accounts whose invoices share
     * the same full, non-blank Custom10 <em>and</em> whose enrolments charge the same saved method are one group,
     * charged as one payment; every other account is a group of its own. One payment is one charge of one method,
     * so accounts of a Custom10 enrolled with different methods cannot share it: each method's accounts are charged
     * apart. Without the option every account is charged alone. Groups keep the order of their first member, members
     * the order given.
     */
    public static List<List<Member>> groups(List<Member> due, boolean option128) {
        java.util.Map<String, List<Member>> byKey = new java.util.LinkedHashMap<>();
        int alone = 0;
        for (Member m : due) {
            String key = option128 && m.custom10() != null && !m.custom10().isBlank() && m.token() != null
                    ? "g\u0000" + m.custom10() + "\u0000" + m.token()
                    : "a\u0000" + alone++;
            byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(m);
        }
        return byKey.values().stream().map(List::copyOf).toList();
    }
}
