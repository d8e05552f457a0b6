package org.ratepayer.conveyance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An account was conveyed to a new owner. Published inside the conveyance's transaction and heard in it (the old
 * owner's email is written to the email history there), so whatever a listener writes commits or rolls back with the
 * conveyance (docs/conveyance.md).
 *
 * @param usersRemoved               the users the account was taken from, with their email addresses
 * @param previousAccountEmail       the account's own email before the conveyance (the old owner's), or null
 * @param scheduledPaymentsCancelled the scheduled payments that were still to run and are now cancelled
 */
public record AccountConveyed(long bid, long conveyanceId, String accountNumber, Conveyance.Trigger trigger, List<FormerUser> usersRemoved,
        String previousAccountEmail, boolean autopayCancelled, List<CancelledPayment> scheduledPaymentsCancelled, int methodsDetached) {

    public AccountConveyed {
        usersRemoved = List.copyOf(usersRemoved);
        scheduledPaymentsCancelled = List.copyOf(scheduledPaymentsCancelled);
    }

    /** A portal user who held the account. */
    public record FormerUser(String username, String email) {
    }

    /** A scheduled payment the conveyance cancelled. */
    public record CancelledPayment(String invoiceNumber, LocalDate date, BigDecimal amount) {
    }
}
