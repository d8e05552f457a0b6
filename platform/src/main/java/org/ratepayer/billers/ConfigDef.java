package org.ratepayer.billers;

import java.util.List;

/**
 * One numbered option or advanced setting. The numbers are the seeds' own so that a biller's
 * configuration sheet maps onto Ratepayer one to one.
 *
 * @param perInvoiceType options such as 40 and 41 are set per invoice type rather than per biller
 * @param daffronDefault the value the Daffron template sets, or null when it leaves it unset
 */
public record ConfigDef(
        int id,
        String name,
        ValueKind kind,
        List<String> allowed,
        int min,
        int max,
        boolean perInvoiceType,
        String daffronDefault) {

    public ConfigDef {
        allowed = List.copyOf(allowed);
    }

    static ConfigDef bool(int id, String name, String daffronDefault) {
        return new ConfigDef(id, name, ValueKind.BOOLEAN, List.of(), 0, 0, false, daffronDefault);
    }

    static ConfigDef oneOf(int id, String name, String daffronDefault, String... allowed) {
        return new ConfigDef(id, name, ValueKind.ENUM, List.of(allowed), 0, 0, false, daffronDefault);
    }

    static ConfigDef range(int id, String name, int min, int max, String daffronDefault) {
        return new ConfigDef(id, name, ValueKind.INTEGER, List.of(), min, max, false, daffronDefault);
    }

    static ConfigDef of(int id, String name, ValueKind kind) {
        return new ConfigDef(id, name, kind, List.of(), 0, 0, false, null);
    }

    ConfigDef withDaffronDefault(String value) {
        return new ConfigDef(id, name, kind, allowed, min, max, perInvoiceType, value);
    }

    ConfigDef atInvoiceTypeLevel() {
        return new ConfigDef(id, name, kind, allowed, min, max, true, daffronDefault);
    }

    public boolean secret() {
        return kind == ValueKind.SECRET || kind == ValueKind.SIGNING_SECRET || kind == ValueKind.STRIPE_SECRET_KEY
                || kind == ValueKind.AUTHORIZE_NET_TRANSACTION_KEY;
    }
}
