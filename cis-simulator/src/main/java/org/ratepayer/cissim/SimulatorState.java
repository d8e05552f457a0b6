package org.ratepayer.cissim;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the simulated CIS knows: accounts, what was posted, and the faults it is told to
 * show. The admin REST API is a thin layer over this class; tests and the platform's demo use it
 * directly. Thread-safe, without locks wider than one account or transaction.
 */
public final class SimulatorState {

    private final ConcurrentMap<String, CisAccount> accounts = new ConcurrentHashMap<>();
    private final PostingLedger ledger;
    private final AtomicReference<FaultPlan> faults = new AtomicReference<>(FaultPlan.NONE);

    SimulatorState(Clock clock) {
        this.ledger = new PostingLedger(clock);
    }

    /** Adds or replaces an account. */
    public void putAccount(CisAccount account) {
        Objects.requireNonNull(account, "account");
        accounts.put(account.accountNumber(), account);
    }

    public void putAccounts(Collection<CisAccount> batch) {
        batch.forEach(this::putAccount);
    }

    public Optional<CisAccount> account(String accountNumber) {
        return Optional.ofNullable(accounts.get(accountNumber));
    }

    /** All accounts, by account number. */
    public List<CisAccount> accounts() {
        return accounts.values().stream().sorted(Comparator.comparing(CisAccount::accountNumber)).toList();
    }

    public boolean removeAccount(String accountNumber) {
        return accounts.remove(accountNumber) != null;
    }

    /** Everything posted so far, in arrival order. */
    public Postings postings() {
        return ledger.snapshot();
    }

    /** The account's EBILL flag as last posted ({@code Y}/{@code N}), empty when never posted. */
    public Optional<String> paperless(String accountNumber) {
        return Optional.ofNullable(ledger.paperlessStatus(accountNumber));
    }

    public FaultPlan faults() {
        return faults.get();
    }

    public void setFaults(FaultPlan plan) {
        faults.set(Objects.requireNonNull(plan, "plan"));
    }

    public void clearFaults() {
        faults.set(FaultPlan.NONE);
    }

    /** Forgets accounts and postings and clears the faults. */
    public void reset() {
        accounts.clear();
        ledger.clear();
        clearFaults();
    }

    PostingLedger ledger() {
        return ledger;
    }
}
