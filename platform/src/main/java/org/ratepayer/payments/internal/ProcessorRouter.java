package org.ratepayer.payments.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.PaymentMethodChecks;

/**
 * The {@link PaymentGateway} every module is given: each call goes to the processor the biller chose (setting 1017),
 * the built-in sandbox when it chose none (docs/processors.md). Choosing per call, not per node, means a biller's switch
 * shows on every node within the configuration cache's few seconds, without a restart.
 */
final class ProcessorRouter implements PaymentGateway {

    private final BillerService billers;
    private final PaymentGateway sandbox;
    private final PaymentGateway stripe;
    private final PaymentGateway authorizeNet;

    ProcessorRouter(BillerService billers, PaymentGateway sandbox, PaymentGateway stripe, PaymentGateway authorizeNet) {
        this.billers = billers;
        this.sandbox = sandbox;
        this.stripe = stripe;
        this.authorizeNet = authorizeNet;
    }

    /** The biller's processor. */
    PaymentGateway of(long bid) {
        String chosen = billers.cachedConfig(bid).setting(ConfigCatalogue.SET_PAYMENT_PROCESSOR).orElse(ConfigCatalogue.PROCESSOR_SANDBOX);
        if (ConfigCatalogue.PROCESSOR_STRIPE.equals(chosen)) {
            return stripe;
        }
        return ConfigCatalogue.PROCESSOR_AUTHORIZE_NET.equals(chosen) ? authorizeNet : sandbox;
    }

    @Override
    public boolean acceptsCardNumbers(long bid) {
        return of(bid).acceptsCardNumbers(bid);
    }

    @Override
    public Tokenized tokenizeCard(long bid, PaymentMethodChecks.CheckedCard card, CardDetails details) {
        return of(bid).tokenizeCard(bid, card, details);
    }

    @Override
    public Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank) {
        return of(bid).tokenizeBank(bid, bank);
    }

    @Override
    public Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank, org.ratepayer.payments.Channel channel,
            String nameOnAccount) {
        return of(bid).tokenizeBank(bid, bank, channel, nameOnAccount);
    }

    @Override
    public Result charge(long bid, UUID paymentGuid, String token, BigDecimal total) {
        return of(bid).charge(bid, paymentGuid, token, total);
    }

    @Override
    public Optional<Tokenized> known(long bid, String token) {
        return of(bid).known(bid, token);
    }

    @Override
    public Tokenized forReuse(long bid, Tokenized method) {
        return of(bid).forReuse(bid, method);
    }

    @Override
    public Optional<Result> lookup(long bid, UUID paymentGuid) {
        return of(bid).lookup(bid, paymentGuid);
    }

    @Override
    public Result refund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount) {
        return of(bid).refund(bid, paymentGuid, refundId, amount);
    }

    @Override
    public Result voidCharge(long bid, UUID paymentGuid) {
        return of(bid).voidCharge(bid, paymentGuid);
    }

    @Override
    public List<Settlement> settled(long bid, LocalDate day) {
        return of(bid).settled(bid, day);
    }

    @Override
    public HostedFields hostedFields(long bid) {
        return of(bid).hostedFields(bid);
    }
}
