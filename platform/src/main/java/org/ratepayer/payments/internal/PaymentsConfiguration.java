package org.ratepayer.payments.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payments.batches.BatchProperties;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.SandboxGateway;
import org.ratepayer.shared.config.RetentionProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class PaymentsConfiguration {

    /**
     * The built-in sandbox processor, its tokens and charges in PostgreSQL; a real one is another PaymentGateway bean
     * selected by this property.
     */
    @Bean
    @ConditionalOnProperty(name = "ratepayer.payments.gateway", havingValue = "sandbox", matchIfMissing = true)
    PaymentGateway sandboxGateway(JdbcClient jdbc, BillerService billers, BatchProperties batches) {
        // the sandbox settles by the biller's business days, the ones its batches close (docs/settlement.md)
        return new SandboxGateway(new JdbcSandboxLedger(jdbc),
                (bid, day) -> batches.businessDay(billers.cachedBiller(bid).timeZone()).end(day));
    }

    @Bean
    RecurringTask<Void> paymentRepair(PaymentRepairJob job) {
        return Tasks.recurring("payment-repair", FixedDelay.of(Duration.ofSeconds(30)))
                .execute((instance, context) -> job.repair());
    }

    /** On one node at a time (db-scheduler); on unless {@code ratepayer.retention.enabled=false}. */
    @Bean
    @ConditionalOnProperty(name = "ratepayer.retention.enabled", havingValue = "true", matchIfMissing = true)
    RecurringTask<Void> idempotencyKeyRetentionTask(IdempotencyKeyRetention retention, RetentionProperties props) {
        return Tasks.recurring("idempotency-key-retention", FixedDelay.of(props.interval()))
                .execute((instance, context) -> retention.run());
    }
}
