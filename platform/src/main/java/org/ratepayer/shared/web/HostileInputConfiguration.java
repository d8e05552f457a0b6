package org.ratepayer.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Puts {@link HostileInputFilter} in front of Spring Security. {@code ratepayer.web.max-page-body}
 * (default 64KB) is the largest body a page takes: the payment forms are well under 16 KB.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class HostileInputConfiguration {

    @Bean
    FilterRegistrationBean<HostileInputFilter> hostileInputFilter(ProblemWriter problems,
            @Value("${ratepayer.web.max-page-body:64KB}") DataSize maxPageBody) {
        FilterRegistrationBean<HostileInputFilter> registration =
                new FilterRegistrationBean<>(new HostileInputFilter(problems, maxPageBody.toBytes()));
        registration.setName("hostileInputFilter");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
