package org.ratepayer.payers;

import java.util.List;

/**
 * A portal user of one biller and the accounts it holds; every user of an account is a co-owner of it
 * (docs/payers.md). {@code hasPassword} is false until the payer sets one from an emailed link.
 */
public record Payer(long userId, long bid, String username, String email, boolean hasPassword, List<String> accounts) {

    public Payer {
        accounts = List.copyOf(accounts);
    }

    public boolean holds(String accountNumber) {
        return accounts.contains(accountNumber);
    }
}
