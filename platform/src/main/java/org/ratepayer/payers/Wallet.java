package org.ratepayer.payers;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.internal.WalletRepository;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A payer's saved cards and bank accounts (docs/payers.md). A method is the processor's token of this biller, kept
 * for this user: every call names both, and a method of another user or biller is simply not found. The first
 * method saved is the default; removing the default leaves none until the payer picks one.
 */
@Service
public class Wallet {

    private final WalletRepository methods;
    private final PaymentGateway gateway;
    private final PaymentService payments;
    private final BillerService billers;
    private final Clock clock;
    private final TransactionTemplate tx;

    public Wallet(WalletRepository methods, PaymentGateway gateway, PaymentService payments, BillerService billers, Clock clock,
            PlatformTransactionManager txManager) {
        this.methods = methods;
        this.gateway = gateway;
        this.payments = payments;
        this.billers = billers;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    public List<SavedPaymentMethod> methods(long bid, long userId) {
        return methods.list(bid, userId);
    }

    public Optional<SavedPaymentMethod> find(long bid, long userId, UUID id) {
        return methods.find(bid, userId, id);
    }

    /**
     * Saves a method the processor tokenized for this biller; saving the same token again answers the method already
     * saved. Cards carry their expiry, bank accounts their type.
     *
     * @throws PayerRefusal when the wallet is full, the token is not this biller's, or the card has expired
     */
    public SavedPaymentMethod save(long bid, long userId, PaymentGateway.Tokenized method, Integer expMonth, Integer expYear,
            String accountType, boolean makeDefault) {
        if (gateway.known(bid, method.token()).isEmpty()) {
            throw new PayerRefusal(Kind.INVALID, "invalid_field", "method", "this payment method cannot be saved; enter it again");
        }
        if (WalletRules.expired(expMonth, expYear, YearMonth.from(billers.cachedConfig(bid).today(clock)))) {
            throw new PayerRefusal(Kind.INVALID, "invalid_field", "expYear", "this card has expired");
        }
        PaymentGateway.Tokenized kept = reusable(bid, method);
        return tx.execute(s -> {
            methods.lockUser(userId);
            UUID id = methods.byToken(userId, kept.token()).orElse(null);
            if (id == null) {
                PayerRules.require(WalletRules.checkRoom(methods.count(userId)));
                id = UUID.randomUUID();
                boolean first = methods.count(userId) == 0;
                methods.insert(id, bid, userId, kept.method(), kept.token(), kept.brand(), kept.last4(), expMonth, expYear,
                        accountType);
                if (first) {
                    methods.makeDefault(bid, userId, id);
                }
            }
            if (makeDefault) {
                methods.makeDefault(bid, userId, id);
            }
            return methods.find(bid, userId, id).orElseThrow();
        });
    }

    /**
     * The method as the processor keeps it to be charged again: done before its first charge when a payer pays and saves
     * at once (a Stripe PaymentMethod can be attached to a Customer only before it is used; docs/processors.md).
     *
     * @throws PayerRefusal when the processor will not keep it
     */
    public PaymentGateway.Tokenized reusable(long bid, PaymentGateway.Tokenized method) {
        try {
            return payments.keepForReuse(bid, method);
        } catch (InvalidPaymentMethodException e) {
            throw new PayerRefusal(Kind.INVALID, "invalid_field", "method", "this payment method cannot be saved; enter it again");
        }
    }

    /** @return false when the user has no such method (another user's included) */
    public boolean makeDefault(long bid, long userId, UUID id) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            methods.lockUser(userId);
            return methods.makeDefault(bid, userId, id);
        }));
    }

    /** @return false when the user has no such method (another user's included) */
    public boolean remove(long bid, long userId, UUID id) {
        return methods.remove(bid, userId, id);
    }

    /**
     * Removes from these users' wallets the methods saved with these tokens (a conveyance detaches the methods that
     * paid only the conveyed account, docs/conveyance.md). The caller decides which tokens; this never looks further.
     *
     * @return how many saved methods were removed
     */
    public int detach(long bid, Collection<Long> userIds, Collection<String> tokens) {
        if (userIds.isEmpty() || tokens.isEmpty()) {
            return 0;
        }
        return methods.removeByToken(bid, userIds, tokens);
    }

    /** The processor's token of one of the user's methods, to pay with it; never shown. */
    public Optional<String> token(long bid, long userId, UUID id) {
        return methods.token(bid, userId, id);
    }
}
