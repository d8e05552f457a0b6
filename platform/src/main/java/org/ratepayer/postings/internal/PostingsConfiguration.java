package org.ratepayer.postings.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.ratepayer.shared.config.RetentionProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PostingsProperties.class, RetentionProperties.class})
public class PostingsConfiguration {

    /** On one node at a time (db-scheduler); on unless {@code ratepayer.retention.enabled=false}. */
    @Bean
    @ConditionalOnProperty(name = "ratepayer.retention.enabled", havingValue = "true", matchIfMissing = true)
    RecurringTask<Void> postingRetentionTask(PostingRetention retention, RetentionProperties props) {
        return Tasks.recurring("postings-retention", FixedDelay.of(props.interval()))
                .execute((instance, context) -> retention.run());
    }
}
