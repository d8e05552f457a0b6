package org.ratepayer.payments;

/**
 * Where a payment came from, with the paymentSourceID that settings 64/65 map to a CIS paymentMode
 * (docs/payments.md: WEB 0, CPV2 1, CSRWEB 2, IVR 3, KIOSK 4, OBD 5, AUTOPAY 6, SCHEDULED 7, POS 8).
 */
public enum Channel {
    WEB(0),
    CPV2(1),
    CSRWEB(2),
    IVR(3),
    KIOSK(4),
    OBD(5),
    AUTOPAY(6),
    SCHEDULED(7),
    POS(8);

    private final int paymentSourceId;

    Channel(int paymentSourceId) {
        this.paymentSourceId = paymentSourceId;
    }

    public int paymentSourceId() {
        return paymentSourceId;
    }
}
