package org.ratepayer.servicedesk.search;

import java.time.LocalDate;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;

/**
 * The search's filters, each optional. They describe payments (docs/staff-search.md, "Filters"): a payment hit must
 * match them, and an account or invoice hit is kept only when one of its payments does. The days are the biller's:
 * {@code from} from its midnight, {@code to} up to the next one.
 */
public record SearchFilter(LocalDate from, LocalDate to, Channel channel, Method method, PaymentStatus status) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null);

    public boolean any() {
        return from != null || to != null || channel != null || method != null || status != null;
    }
}
