package org.ratepayer.conveyance;

import java.util.List;
import org.ratepayer.conveyance.internal.ConveyanceRepository;
import org.ratepayer.conveyance.internal.ConveyanceWork;
import org.springframework.stereotype.Service;

/**
 * Conveying an account to a new owner (docs/conveyance.md), and the record of conveyances for the customer change log.
 * Invoice files convey accounts too, through billing's {@link org.ratepayer.billing.AccountsChangedOwner}.
 */
@Service
public class Conveyances {

    private final ConveyanceWork work;
    private final ConveyanceRepository records;

    public Conveyances(ConveyanceWork work, ConveyanceRepository records) {
        this.work = work;
        this.records = records;
    }

    /** A conveyance made now, or the one an earlier request with the same Idempotency-Key made ({@code replayed}). */
    public record Outcome(Conveyance conveyance, boolean replayed) {
    }

    /**
     * Conveys the account as the API asks: in one transaction, takes it from every user, cancels autopay (AUTOPAY OFF
     * posted) and the scheduled payments still to run, detaches the methods that paid only it, records it and publishes
     * {@link AccountConveyed}.
     *
     * @param newCustomerName the new owner's name, stored as the account's; null keeps the stored one
     * @param idempotencyKey  null, or a key whose second use answers the first conveyance and does nothing
     * @throws org.ratepayer.shared.web.Refusal not found for an account the biller does not have; conflict for a key
     *                                          used before for another account
     */
    public Outcome convey(long bid, String account, String newCustomerName, String reason, String idempotencyKey, String actor) {
        return work.conveyByApi(bid, account, newCustomerName, reason, idempotencyKey, actor);
    }

    /** An account's conveyances, newest first. */
    public List<Conveyance> forAccount(long bid, String account) {
        return records.forAccount(bid, account);
    }

    /** The biller's latest conveyances, newest first: for the customer change log. */
    public List<Conveyance> latest(long bid, int limit) {
        return records.latest(bid, limit);
    }
}
