package org.ratepayer.conveyance.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.ratepayer.conveyance.Conveyance;
import org.ratepayer.conveyance.Conveyances;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conveyance API (docs/conveyance.md, docs/api.md): an account changed owner, said by the biller's systems with its
 * API key, or by the operator. The body is optional.
 */
@RestController
public class ConveyanceController {

    private final Conveyances conveyances;

    public ConveyanceController(Conveyances conveyances) {
        this.conveyances = conveyances;
    }

    /**
     * @param newCustomerName the new owner's name, stored as the account's customer name; absent keeps the stored one
     * @param reason          why, kept in the conveyance's record (at most 1,000 characters)
     */
    public record ConveyanceRequest(String newCustomerName, String reason) {
    }

    /**
     * What the conveyance removed. {@code replayed}: an earlier request with the same Idempotency-Key made it, and this
     * one changed nothing.
     */
    public record ConveyanceView(long conveyanceId, String accountNumber, String trigger, String oldCustomerName, String newCustomerName,
            List<String> usersRemoved, boolean autopayCancelled, int scheduledPaymentsCancelled, int methodsDetached, OffsetDateTime at,
            boolean replayed) {

        static ConveyanceView of(Conveyance c, boolean replayed) {
            return new ConveyanceView(c.id(), c.accountNumber(), c.trigger().name(), c.oldCustomerName(), c.newCustomerName(),
                    c.usersRemoved(), c.autopayCancelled(), c.scheduledPaymentsCancelled(), c.methodsDetached(), c.at(), replayed);
        }
    }

    @PostMapping("/api/v1/billers/{bid}/accounts/{account}/conveyance")
    public ConveyanceView convey(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) ConveyanceRequest request) {
        caller.actFor(bid, KeyKind.API);
        ConveyanceRequest r = request == null ? new ConveyanceRequest(null, null) : request;
        Conveyances.Outcome o = conveyances.convey(bid, account, r.newCustomerName(), r.reason(), idempotencyKey, caller.actor());
        return ConveyanceView.of(o.conveyance(), o.replayed());
    }

    /** The account's conveyances, newest first. */
    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/conveyances")
    public List<ConveyanceView> history(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return conveyances.forAccount(bid, account).stream().map(c -> ConveyanceView.of(c, false)).toList();
    }
}
