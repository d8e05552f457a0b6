package org.ratepayer.billers;

import java.util.Arrays;
import java.util.Optional;

/** Starting configurations. Daffron billers get invoice type 42 and the options SPEC C1 requires. */
public enum BillerTemplate {
    DAFFRON("daffron", 42, "Utility bill"),
    STANDARD("standard", 1, "Invoice");

    private final String id;
    private final int invoiceTypeId;
    private final String invoiceTypeName;

    BillerTemplate(String id, int invoiceTypeId, String invoiceTypeName) {
        this.id = id;
        this.invoiceTypeId = invoiceTypeId;
        this.invoiceTypeName = invoiceTypeName;
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
