package org.ratepayer.cissim;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    private final ConcurrentMap<String, String> refusals = new ConcurrentHashMap<>();

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

    /** Running totals of the postings, O(1) however many there are. */
    public PostingCounts postingCounts() {
        return ledger.counts();
    }

    /**
     * Makes the CIS refuse every posting for this account, item by item, with {@code reason} as its
     * words (a payment answered {@code Failure}, a customer or comment answered with an errorObject),
     * like a Toolbox refusing postings to an inactive account. Nothing of a refused item is recorded.
     */
    public void refusePostings(String accountNumber, String reason) {
        Objects.requireNonNull(accountNumber, "accountNumber");
        refusals.put(accountNumber, reason == null || reason.isBlank() ? "Account " + accountNumber
                + " does not accept postings" : reason);
    }

    public void acceptPostings(String accountNumber) {
        refusals.remove(accountNumber);
    }

    /** The accounts whose postings are refused, with the reason given. */
    public Map<String, String> refusals() {
        return Map.copyOf(refusals);
    }

    /** Why postings for this account are refused; empty when they are accepted. */
    Optional<String> refusal(String accountNumber) {
        return accountNumber == null ? Optional.empty() : Optional.ofNullable(refusals.get(accountNumber));
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

    /** Forgets accounts, postings and refusals and clears the faults. */
    public void reset() {
        accounts.clear();
        refusals.clear();
        ledger.clear();
        clearFaults();
    }

    PostingLedger ledger() {
        return ledger;
    }
}
