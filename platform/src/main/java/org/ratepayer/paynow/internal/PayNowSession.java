package org.ratepayer.paynow.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An opened Pay Now session as the hosted page works with it.
 *
 * @param payerUserId the portal user the request's RemoteAuthenticationToken signed on, whose saved methods the page
 *                    offers (docs/paynow.md); null for a session without one, which never sees a saved method
 */
public record PayNowSession(long id, UUID guid, long bid, PayNowRequest request, List<PayNowItem> items, Set<String> removed,
        Pending pending, OffsetDateTime expiresAt, Long payerUserId) {

    public PayNowSession {
        items = List.copyOf(items);
        removed = Set.copyOf(removed);
    }

    /**
     * The payment the payer is reviewing: the gateway's token (never the number), what to show, and the
     * attempt id that makes its idempotency keys (a reload or double click of "Pay" reuses them).
     *
     * @param amounts amount per item key, as the payer chose (the balance unless partial payments are allowed)
     * @param fees    the convenience fee per item key the payer reviewed; what is charged, or nothing if it changed
     */
    public record Pending(String token, String method, String brand, String last4, String payerEmail, UUID attempt,
            java.util.Map<String, BigDecimal> amounts, java.util.Map<String, BigDecimal> fees) {
    }

    /** The request and the invoices fixed for it, as stored in the session row. */
    public record Terms(PayNowRequest request, List<PayNowItem> items) {
    }

    public List<PayNowItem> selected() {
        return items.stream().filter(PayNowItem::payable).filter(i -> !removed.contains(i.key())).toList();
    }

    public PayNowRequest.Customer customer(PayNowItem item) {
        return request.customers().get(item.customer());
    }
}
