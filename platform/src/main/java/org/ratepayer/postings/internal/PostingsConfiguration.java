package org.ratepayer.postings.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PostingsProperties.class)
public class PostingsConfiguration {
}
