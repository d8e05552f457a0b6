package org.ratepayer.payments.internal.sandbox;

import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;

/**
 * The sandbox's publishable keys: {@code pk_sandbox_<bid>_<biller guid>}, public like Stripe's pk_ keys (it is in every
 * payment page), naming the biller its fields make tokens for. It is no credential: a token made with it can only be
 * charged for that biller, by the platform, as any sandbox token (docs/hosted-fields.md).
 */
public final class SandboxKeys {

    private static final String PREFIX = "pk_sandbox_";

    private final BillerService billers;

    public SandboxKeys(BillerService billers) {
        this.billers = billers;
    }

    public String publishableKey(long bid) {
        return PREFIX + bid + "_" + billers.cachedBiller(bid).guid().toString().replace("-", "");
    }

    /** The biller a key names; empty for anything that is not one of this installation's keys. */
    public Optional<Long> biller(String key) {
        if (key == null || !key.matches("pk_sandbox_\\d{1,18}_[0-9a-f]{32}")) {
            return Optional.empty();
        }
        String[] parts = key.substring(PREFIX.length()).split("_");
        long bid;
        try {
            bid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<Biller> biller = billers.find(bid);
        return biller.filter(b -> b.guid().toString().replace("-", "").equals(parts[1])).map(Biller::bid);
    }
}
