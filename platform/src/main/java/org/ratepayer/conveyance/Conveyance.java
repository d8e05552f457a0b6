package org.ratepayer.conveyance;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One recorded conveyance: what asked for it and what it removed (the customer change log reads these).
 *
 * @param actor               the API caller, or the invoice file ("invoice file 42")
 * @param fileId              the invoice file that conveyed the account, for {@link Trigger#FILE} and {@link Trigger#NAME_CHANGE}
 * @param oldCustomerName     the account's name before; null when none was stored
 * @param newCustomerName     the new owner's name when known (a file's, or the API request's); else null
 * @param usersRemoved        the usernames of the portal users the account was taken from
 * @param autopayCancelled    whether autopay was on and was ended (AUTOPAY OFF posted)
 */
public record Conveyance(long id, long bid, String accountNumber, Trigger trigger, String actor, Long fileId, String oldCustomerName,
        String newCustomerName, String reason, List<String> usersRemoved, boolean autopayCancelled, int scheduledPaymentsCancelled,
        int methodsDetached, OffsetDateTime at) {

    public Conveyance {
        usersRemoved = List.copyOf(usersRemoved);
    }

    /** What conveyed the account. */
    public enum Trigger {
        /** A call to the conveyance API. */
        API,
        /** An invoice file's Conveyance flag (FileSpecId 2017) on the account's CR row. */
        FILE,
        /** An invoice file's CustomerName other than the stored one, with option 1011 on. */
        NAME_CHANGE
    }
}
