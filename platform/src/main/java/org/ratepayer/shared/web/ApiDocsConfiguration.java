package org.ratepayer.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import org.ratepayer.shared.config.PublicUrl;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

/**
 * What the API description says beyond the controllers' own signatures (docs/api.md): the server is the public URL
 * (docs/security.md; springdoc would otherwise take it from the request's Host header, and Swagger UI's "Try it out"
 * would send a biller's key to wherever the caller chose), and an endpoint that takes a {@link Caller} is described as
 * needing a biller key or the operator token, which is how the caller is known, rather than as a query parameter.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String BILLER_KEY = "billerKey";
    static final String OPERATOR = "operatorToken";

    @Bean
    ServerBaseUrlCustomizer publicServerUrl(PublicUrl publicUrl) {
        return (fromRequest, request) -> publicUrl.base();
    }

    @Bean
    OpenApiCustomizer callerSchemes() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents()
                    .addSecuritySchemes(BILLER_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                            .name(ApiAuthenticationFilter.API_KEY_HEADER).description("one of the biller's keys (docs/api.md)"))
                    .addSecuritySchemes(OPERATOR, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .description("the operator token (docs/operations.md)"));
            if (api.getComponents().getSchemas() != null) {
                api.getComponents().getSchemas().remove(Caller.class.getSimpleName());
            }
        };
    }

    @Bean
    OperationCustomizer callerIsACredential() {
        return (operation, handler) -> {
            MethodParameter caller = Arrays.stream(handler.getMethodParameters())
                    .filter(p -> p.getParameterType() == Caller.class).findFirst().orElse(null);
            if (caller != null) {
                if (operation.getParameters() != null) {
                    operation.getParameters().removeIf(p -> "query".equals(p.getIn()) && p.getSchema() != null
                            && p.getSchema().get$ref() != null && p.getSchema().get$ref().endsWith("/Caller"));
                }
                operation.addSecurityItem(new SecurityRequirement().addList(BILLER_KEY));
                operation.addSecurityItem(new SecurityRequirement().addList(OPERATOR));
            }
            return operation;
        };
    }
}
