package org.ratepayer.payments.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.util.Optional;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payments.PaymentRefunds;
import org.ratepayer.payments.batches.BatchProperties;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.SandboxGateway;
import org.ratepayer.payments.internal.authorizenet.AuthorizeNetGateway;
import org.ratepayer.payments.internal.authorizenet.AuthorizeNetProperties;
import org.ratepayer.payments.internal.sandbox.SandboxFieldsOrigin;
import org.ratepayer.payments.internal.sandbox.SandboxKeys;
import org.ratepayer.payments.internal.stripe.StripeGateway;
import org.ratepayer.payments.internal.stripe.StripeProperties;
import org.ratepayer.billers.ConfigCatalogue;
import org.springframework.context.annotation.Primary;
import org.ratepayer.shared.config.RetentionProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RetentionProperties.class, StripeProperties.class, AuthorizeNetProperties.class})
public class PaymentsConfiguration {

    /** The built-in sandbox processor, its tokens and charges in PostgreSQL: every biller's until it chooses another. */
    @Bean
    SandboxGateway sandboxGateway(JdbcClient jdbc, BillerService billers, BatchProperties batches,
            org.springframework.beans.factory.ObjectProvider<SandboxFieldsOrigin> origins, SandboxKeys keys) {
        // the sandbox settles by the biller's business days, the ones its batches close (docs/settlement.md)
        return new SandboxGateway(new JdbcSandboxLedger(jdbc),
                (bid, day) -> businessDayEnd(billers, batches, bid, day),
                bid -> {
                    // the sandbox's own origin, a second port of this application (docs/hosted-fields.md)
                    SandboxFieldsOrigin origin = origins.getObject();
                    return new PaymentGateway.HostedFields("sandbox", origin.base() + "/sandbox-processor/fields.js",
                            java.util.Map.of("publishableKey", keys.publishableKey(bid), "fieldsUrl", origin.base() + "/sandbox-processor/fields"),
                            java.util.List.of(origin.origin()), java.util.List.of(origin.origin()), java.util.List.of());
                });
    }

    @Bean
    SandboxKeys sandboxKeys(BillerService billers) {
        return new SandboxKeys(billers);
    }

    /** Stripe, for the billers that chose it, each with its own secret key (docs/processors.md). */
    @Bean
    StripeGateway stripeGateway(StripeProperties props, BillerService billers, RecordedCharges recorded) {
        return new StripeGateway(props, bid -> billers.cachedConfig(bid).setting(ConfigCatalogue.SET_STRIPE_SECRET_KEY),
                recorded,
                bid -> billers.cachedConfig(bid).setting(ConfigCatalogue.SET_STRIPE_PUBLISHABLE_KEY),
                // the pages take a bank account in Stripe's own form, on a SetupIntent of the platform's endpoint (docs/processors.md)
                bid -> {
                    var biller = billers.cachedBiller(bid);
                    return Optional.of(new StripeGateway.BankPage("/hosted-fields/stripe/" + biller.guid() + "/setup-intent",
                            StripeGateway.BankPage.authorization(biller.name())));
                });
    }

    /** Authorize.Net, for the billers that chose it, each with its own login id and sealed transaction key (docs/processors.md). */
    @Bean
    AuthorizeNetGateway authorizeNetGateway(AuthorizeNetProperties props, BillerService billers, BatchProperties batches,
            RecordedCharges recorded, java.time.Clock clock) {
        return new AuthorizeNetGateway(props,
                bid -> {
                    var config = billers.cachedConfig(bid);
                    var login = config.setting(ConfigCatalogue.SET_AUTHORIZE_NET_LOGIN_ID);
                    var key = config.setting(ConfigCatalogue.SET_AUTHORIZE_NET_TRANSACTION_KEY);
                    return login.isPresent() && key.isPresent()
                            ? java.util.Optional.of(new AuthorizeNetGateway.Credentials(login.get(), key.get()))
                            : java.util.Optional.empty();
                },
                bid -> billers.cachedConfig(bid).setting(ConfigCatalogue.SET_AUTHORIZE_NET_CLIENT_KEY),
                recorded,
                (bid, day) -> businessDayEnd(billers, batches, bid, day),
                clock);
    }

    /** The business days processors settle by are the ones the biller's batches close (docs/settlement.md). */
    private static java.time.Instant businessDayEnd(BillerService billers, BatchProperties batches, long bid, java.time.LocalDate day) {
        return batches.businessDay(billers.cachedBiller(bid).timeZone()).end(day);
    }

    /** The gateway everyone injects: the biller's own processor, per call (setting 1017). */
    @Bean
    @Primary
    PaymentGateway paymentGateway(BillerService billers, SandboxGateway sandbox, StripeGateway stripe, AuthorizeNetGateway authorizeNet) {
        return new ProcessorRouter(billers, sandbox, stripe, authorizeNet);
    }

    /** The sandbox's events on its pending bank charges (docs/ach.md), every minute on one node. */
    @Bean
    RecurringTask<Void> sandboxAchEventsTask(SandboxAchEvents events) {
        return Tasks.recurring("sandbox-ach-events", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> events.deliverDue());
    }

    @Bean
    RecurringTask<Void> paymentRepair(PaymentRepairJob job, PaymentRefunds refunds) {
        // refunds whose answer was lost are asked about on the same beat as payments (docs/refunds.md)
        return Tasks.recurring("payment-repair", FixedDelay.of(Duration.ofSeconds(30)))
                .execute((instance, context) -> {
                    job.repair();
                    refunds.repairUnanswered(PaymentRepairJob.SETTLE_AFTER);
                });
    }

    /** On one node at a time (db-scheduler); on unless {@code ratepayer.retention.enabled=false}. */
    @Bean
    @ConditionalOnProperty(name = "ratepayer.retention.enabled", havingValue = "true", matchIfMissing = true)
    RecurringTask<Void> idempotencyKeyRetentionTask(IdempotencyKeyRetention retention, RetentionProperties props) {
        return Tasks.recurring("idempotency-key-retention", FixedDelay.of(props.interval()))
                .execute((instance, context) -> retention.run());
    }
}
