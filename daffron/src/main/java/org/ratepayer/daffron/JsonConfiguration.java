package org.ratepayer.daffron;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Advanced setting 131, one JSON document shared by unrelated Daffron rules (docs/daffron.md): the PDF
 * link's BCTRModifier and the data pump's configs. The platform validated it on write.
 */
final class JsonConfiguration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonConfiguration() {
    }

    static JsonNode parse(String setting131) {
        if (setting131 == null || setting131.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(setting131);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("advanced setting 131 is not valid JSON", e);
        }
    }

    static boolean bctrValueAfterDash(String setting131) {
        return "ValueAfterDash".equals(parse(setting131).path("PdfConfig").path("BCTRModifier").asText());
    }

    /** {@code Daffron.DataPumpConfigs}; absent keys keep their defaults. */
    static DataPumpConfig dataPump(String setting131) {
        JsonNode configs = parse(setting131).path("Daffron").path("DataPumpConfigs");
        JsonNode skip = configs.path("SkipDonationTypes");
        if (!skip.isMissingNode() && !skip.isNull() && !skip.isBoolean()) {
            throw new IllegalArgumentException("advanced setting " + DaffronSettings.JSON_CONFIGURATION
                    + ": Daffron.DataPumpConfigs.SkipDonationTypes must be true or false, was " + skip);
        }
        JsonNode source = configs.path("TransactionIdSource");
        DataPumpConfig.TransactionIdSource transactionIdSource = source.isMissingNode() || source.isNull()
                ? DataPumpConfig.DEFAULT.transactionIdSource()
                : DataPumpConfig.TransactionIdSource.fromSetting(source.asText());
        return new DataPumpConfig(skip.asBoolean(false), transactionIdSource);
    }
}
