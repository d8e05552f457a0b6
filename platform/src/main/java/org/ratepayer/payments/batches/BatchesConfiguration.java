package org.ratepayer.payments.batches;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily closure; db-scheduler runs it on one node at a time however many share the database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchProperties.class)
public class BatchesConfiguration {

    /** A failed run would otherwise wait for the next day's; the retry closes only the billers still open. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    @Bean
    BusinessDay businessDay(BatchProperties props) {
        return props.businessDay();
    }

    @Bean
    RecurringTask<Void> batchClosure(BatchClosing closing, BusinessDay businessDay) {
        return Tasks.recurring("batch-closure", businessDay.schedule())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> closing.closeAllDue());
    }
}
