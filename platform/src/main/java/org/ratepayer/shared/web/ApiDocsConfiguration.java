package org.ratepayer.shared.web;

import org.ratepayer.shared.config.PublicUrl;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API docs' server is the public URL (docs/security.md): springdoc would otherwise take it from the request's
 * Host header, and Swagger UI's "Try it out" would send a biller's key to wherever the caller chose.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    ServerBaseUrlCustomizer publicServerUrl(PublicUrl publicUrl) {
        return (fromRequest, request) -> publicUrl.base();
    }
}
