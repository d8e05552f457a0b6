package org.ratepayer.billers.internal;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

/** Starting configurations. Daffron billers get invoice type 42 and the options docs/daffron.md requires. */
public enum BillerTemplate {
    // docs/daffron.md: the Daffron template's zone is Eastern time, where its co-ops are; a standard biller
    // has no such home, so it starts on UTC until the operator says otherwise.
    DAFFRON("daffron", 42, "Utility bill", ZoneId.of("America/New_York")),
    STANDARD("standard", 1, "Invoice", ZoneId.of("UTC"));

    private final String id;
    private final int invoiceTypeId;
    private final String invoiceTypeName;
    private final ZoneId timeZone;

    BillerTemplate(String id, int invoiceTypeId, String invoiceTypeName, ZoneId timeZone) {
        this.id = id;
        this.invoiceTypeId = invoiceTypeId;
        this.invoiceTypeName = invoiceTypeName;
        this.timeZone = timeZone;
    }

    /** The zone a biller made from this template gets when its creator names none. */
    public ZoneId timeZone() {
        return timeZone;
    }

    public String id() {
        return id;
    }

    public int invoiceTypeId() {
        return invoiceTypeId;
    }

    public String invoiceTypeName() {
        return invoiceTypeName;
    }

    public boolean appliesCatalogueDefaults() {
        return this == DAFFRON;
    }

    public static Optional<BillerTemplate> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id)).findFirst();
    }
}
