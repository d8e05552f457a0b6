package org.ratepayer.billing;

import java.util.List;

/**
 * Accounts an invoice file says changed owner: a CR row with the Conveyance flag (FileSpecId 2017), or, with option
 * 1011 on, a CustomerName other than the stored one. Published inside the import's transaction, after the accounts were
 * merged and before it commits, and heard in it: whoever conveys them does so in that transaction, so the new owner's
 * bill and the old owner's cancelled autopay commit together (docs/conveyance.md).
 */
public record AccountsChangedOwner(long bid, long fileId, List<Change> changes) {

    public AccountsChangedOwner {
        changes = List.copyOf(changes);
    }

    /** Why the file conveys an account. */
    public enum Cause {
        /** The CR row carried the Conveyance flag. */
        FLAG,
        /** The CustomerName changed and the biller has auto-conveyance (option 1011) on. */
        NAME_CHANGE
    }

    /**
     * One account changing owner.
     *
     * @param oldCustomerName  the name stored before the file
     * @param newCustomerName  the name in the file (now stored)
     * @param oldEmail         the account's email before the file, the old owner's: the file may have replaced it
     */
    public record Change(String accountNumber, Cause cause, String oldCustomerName, String newCustomerName, String oldEmail) {
    }
}
