package org.ratepayer.daffron;

import java.util.List;

/** The channels' paymentSourceIDs (docs/payments.md: WEB 0 … POS 8) and their names. */
final class PaymentSources {

    static final int KIOSK = 4;
    static final int OBD = 5;

    /** Index = paymentSourceID. */
    private static final List<String> NAMES = List.of("WEB", "CPV2", "CSRWEB", "IVR", "KIOSK", "OBD", "AUTOPAY",
            "SCHEDULED", "POS");

    private PaymentSources() {
    }

    /** The channel's name, {@code WEB} for an id docs/payments.md does not list. */
    static String name(int paymentSourceId) {
        return paymentSourceId >= 0 && paymentSourceId < NAMES.size() ? NAMES.get(paymentSourceId)
                : PaymentModes.DEFAULT_MODE;
    }
}
