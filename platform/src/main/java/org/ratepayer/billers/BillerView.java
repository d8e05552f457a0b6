package org.ratepayer.billers;

import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A biller as the admin API shows it: secrets masked, keys by their last four characters only. */
public record BillerView(
        long bid,
        UUID guid,
        String name,
        String template,
        String timeZone,
        OffsetDateTime createdAt,
        String fileSpec,
        List<InvoiceType> invoiceTypes,
        List<KeyValue> keys,
        List<OptionValue> options,
        List<SettingValue> settings) {

    public record InvoiceType(int typeId, String name) {
    }

    public record KeyValue(KeyKind kind, Environment environment, String masked, OffsetDateTime createdAt) {
    }

    public record OptionValue(int id, String name, Integer invoiceType, JsonNode value) {
    }

    public record SettingValue(int id, String name, JsonNode value, boolean secret) {
    }
}
