package org.ratepayer.postings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.stereotype.Component;

/**
 * Payload JSON as stored in the posting table. Amounts stay exact (BigDecimal as JSON numbers, read back
 * as BigDecimal) and times keep the offset they were made with, the biller's at the time (the connector
 * writes logTime in the biller's zone when it sends, docs/time-zones.md).
 */
@Component
public class PostingCodec {

    private final ObjectMapper json;

    public PostingCodec(ObjectMapper json) {
        this.json = json.copy()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public String write(Object payload) throws JsonProcessingException {
        return json.writeValueAsString(payload);
    }

    public <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored posting payload is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
