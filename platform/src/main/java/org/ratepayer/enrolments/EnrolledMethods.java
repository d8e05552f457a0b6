package org.ratepayer.enrolments;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ratepayer.enrolments.internal.AccountRecords;
import org.springframework.stereotype.Service;

/**
 * Which saved methods (by the processor's token) an account's autopay and scheduled payments charge, for a conveyance
 * that detaches from the old owner's wallet the methods that paid only the conveyed account (docs/conveyance.md). The
 * tokens never leave the platform: they are matched against wallets, never shown.
 */
@Service
public class EnrolledMethods {

    private final AccountRecords accounts;

    public EnrolledMethods(AccountRecords accounts) {
        this.accounts = accounts;
    }

    /** The tokens the account's autopay and its scheduled payments still to run charge. */
    public Set<String> tokens(long bid, String account) {
        return new LinkedHashSet<>(accounts.methodTokens(bid, account));
    }

    /** Those of {@code tokens} that the autopay or a scheduled payment still to run of another of the biller's accounts charges. */
    public Set<String> usedByOtherAccounts(long bid, String account, Collection<String> tokens) {
        return new LinkedHashSet<>(accounts.tokensUsedByOthers(bid, account, tokens));
    }
}
