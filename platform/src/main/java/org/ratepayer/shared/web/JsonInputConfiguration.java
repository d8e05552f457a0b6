package org.ratepayer.shared.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.Module;
import org.ratepayer.shared.json.NoNulText;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How request bodies are read: text with a NUL is refused as a 400 naming the field (PostgreSQL
 * cannot store it), and a property given twice is refused rather than one value silently winning
 * (for records it was even a 500).
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

    @Bean
    Module noNulText() {
        return new NoNulText();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictDuplicateDetection() {
        return builder -> builder.featuresToEnable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }
}
