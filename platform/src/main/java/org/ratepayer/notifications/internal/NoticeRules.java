package org.ratepayer.notifications.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of the notices (docs/notices.md) as plain functions, apart from SMTP and the database, so that each is
 * a table test: which reminder is due, whether a bill still needs one, whether a card is about to expire, who receives
 * each kind.
 */
public final class NoticeRules {

    /** A notify date the job did not see (down, or the file came late) is still told this many days after. */
    static final int REMINDER_CATCH_UP_DAYS = 3;

    /** A card is told about this many days before the end of its expiry month. */
    static final int CARD_EXPIRY_DAYS = 30;

    private NoticeRules() {
    }

    /**
     * Which reminder (1, 2 or 3) is due today: the one whose notify date is the latest on or before today, if that date is
     * at most {@link #REMINDER_CATCH_UP_DAYS} ago. Only ever one, so a bill whose first and second dates both passed
     * while the job was down gets the second only; an older one is never sent after a newer one.
     */
    public static Optional<Integer> dueReminder(LocalDate today, LocalDate first, LocalDate second, LocalDate third) {
        LocalDate[] dates = {first, second, third};
        int latest = 0;
        LocalDate latestDate = null;
        for (int n = 1; n <= 3; n++) {
            LocalDate d = dates[n - 1];
            if (d != null && !d.isAfter(today) && (latestDate == null || !d.isBefore(latestDate))) {
                latest = n;
                latestDate = d;
            }
        }
        if (latestDate == null || latestDate.isBefore(today.minusDays(REMINDER_CATCH_UP_DAYS))) {
            return Optional.empty();
        }
        return Optional.of(latest);
    }

    /**
     * Whether a bill still needs its reminder: not when paid (PAID or SUPERSEDED, or the account's CIS balance, refreshed
     * after the bill was imported, is nothing or a credit) and not when the account is on autopay, which will pay it.
     *
     * @param balanceDue the account's last refreshed balance, or null when never refreshed
     * @param refreshedAt when it was refreshed; null with {@code balanceDue}
     */
    public static boolean reminderOwed(String status, boolean onAutopay, BigDecimal balanceDue, OffsetDateTime refreshedAt,
            OffsetDateTime importedAt) {
        if ("PAID".equals(status) || "SUPERSEDED".equals(status) || onAutopay) {
            return false;
        }
        boolean paidSince = balanceDue != null && refreshedAt != null && importedAt != null && refreshedAt.isAfter(importedAt)
                && balanceDue.signum() <= 0;
        return !paidSince;
    }

    /** The last day a card works: the end of its expiry month. */
    public static LocalDate lastDay(int expMonth, int expYear) {
        return YearMonth.of(expYear, expMonth).atEndOfMonth();
    }

    /** Whether a card (still working today) stops working within {@link #CARD_EXPIRY_DAYS} days. */
    public static boolean expiresSoon(LocalDate today, int expMonth, int expYear) {
        LocalDate last = lastDay(expMonth, expYear);
        return !last.isBefore(today) && !last.isAfter(today.plusDays(CARD_EXPIRY_DAYS));
    }

    /**
     * Who is told a bill is ready: the account's users, and the account's own address when the account is paperless (a
     * paper account's address gets the bill by post). Each address once, compared without case.
     */
    public static List<String> billReadyRecipients(List<String> users, String accountEmail, boolean paperless) {
        List<String> all = new ArrayList<>(users);
        if (paperless) {
            all.addAll(EmailRules.addresses(accountEmail));
        }
        return distinct(all);
    }

    /** Who is reminded: the account's users, its own address and its CC address (option 131 ALLOW_CC_UPDATES). */
    public static List<String> reminderRecipients(List<String> users, AccountEmails account) {
        List<String> all = new ArrayList<>(users);
        all.addAll(EmailRules.addresses(account.email()));
        all.addAll(EmailRules.addresses(account.ccEmail()));
        return distinct(all);
    }

    private static List<String> distinct(List<String> addresses) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String a : addresses) {
            String d = EmailRules.deliverable(a);
            if (d != null) {
                byLowerCase.putIfAbsent(d.toLowerCase(Locale.ROOT), d);
            }
        }
        return List.copyOf(byLowerCase.values());
    }
}
