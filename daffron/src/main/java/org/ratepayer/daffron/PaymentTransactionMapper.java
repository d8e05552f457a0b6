package org.ratepayer.daffron;

import java.math.BigDecimal;
import java.util.Objects;

import org.ratepayer.cis.CisPosting;
import org.ratepayer.multispeak.Tenders;
import org.ratepayer.multispeak.v3.AchPayment;
import org.ratepayer.multispeak.v3.CashPayment;
import org.ratepayer.multispeak.v3.CreditCardPayment;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.ExtensionsList;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.Tender;

/**
 * docs/postings.md, docs/daffron.md "Data Pump: Payment": one payment as one {@code paymentTransaction} of
 * CommitPaymentTransaction, its tender in the element of its method.
 *
 * <p>Decisions where the seed is silent: a payment without an approval code (cash) sends no
 * {@code authorizationCode} and uses its payment GUID as {@code transactionId}, since the CIS
 * deduplicates by that id and must never see an empty one; a cash tender's paymentMode is the
 * channel's name (settings 64/65 only cover cards and ACH); a kiosk payment without a kiosk id is
 * posted without {@code billerReference} rather than held back (the money was taken).
 */
public final class PaymentTransactionMapper {

    static final String BILLER_REFERENCE = "billerReference";
    static final String OBD_MODE = "OBD";

    private final PaymentPostingSettings settings;

    public PaymentTransactionMapper(PaymentPostingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** With the account as in the invoice file. */
    Mapped<PaymentTransaction> map(CisPosting.Payment payment) {
        return map(payment, payment.accountNumber());
    }

    /** @param account the account as the CIS knows it ({@link CisAccountNumber}) */
    Mapped<PaymentTransaction> map(CisPosting.Payment payment, String account) {
        if (payment.donation() && settings.dataPump().skipDonationTypes()) {
            return Mapped.notSent("payment of a donation invoice type; advanced setting "
                    + DaffronSettings.JSON_CONFIGURATION + " has SkipDonationTypes");
        }
        BigDecimal amount;
        try {
            amount = settings.amountFormat().apply(payment.amount());
        } catch (IllegalArgumentException e) {
            return Mapped.failed(e.getMessage());
        }
        Tender tender = new Tender();
        tender.setExtensionsList(extensions(payment));
        tender.setAmount(amount);
        if (hasText(payment.approvalCode())) {
            tender.setAuthorizationCode(payment.approvalCode());
        }
        tender.setPaymentMode(paymentMode(payment));
        return Mapped.send(transaction(payment, account, tender));
    }

    /**
     * The id the CIS deduplicates this payment by (docs/postings.md). Each account of a payment of several
     * accounts is a paymentTransaction of its own, and the CIS would refuse the second one carrying the first
     * one's id as a repeat: an allocation sends its own GUID in place of the payment's, or the approval code
     * with {@code -position} after it ("A1B2C3-2"). A payment of one account sends what it always sent.
     */
    String transactionId(CisPosting.Payment payment) {
        boolean guid = settings.dataPump().transactionIdSource() == DataPumpConfig.TransactionIdSource.PAYMENT_GUID;
        CisPosting.Payment.Allocation allocation = payment.allocation();
        if (guid || !hasText(payment.approvalCode())) {
            return allocation == null ? payment.paymentGuid().toString() : allocation.guid().toString();
        }
        return allocation == null ? payment.approvalCode() : payment.approvalCode() + "-" + allocation.position();
    }

    String paymentMode(CisPosting.Payment payment) {
        int source = payment.paymentSourceId();
        if (source == PaymentSources.OBD) {
            return OBD_MODE;
        }
        return switch (payment.tender()) {
            case CARD -> settings.cardModes().modeFor(source);
            case ACH -> settings.achModes().modeFor(source);
            case CASH -> PaymentSources.name(source);
        };
    }

    private ExtensionsList extensions(CisPosting.Payment payment) {
        ExtensionsList list = new ExtensionsList();
        list.getExtensionsItem().add(item(Tenders.TRANSACTION_ID, transactionId(payment)));
        if (payment.paymentSourceId() == PaymentSources.KIOSK && hasText(payment.kioskId())) {
            list.getExtensionsItem().add(item(BILLER_REFERENCE, payment.kioskId().strip()));
        }
        return list;
    }

    private static PaymentTransaction transaction(CisPosting.Payment payment, String account, Tender tender) {
        PaymentTransaction transaction = new PaymentTransaction();
        transaction.setAccountNumber(account);
        switch (payment.tender()) {
            case CARD -> {
                CreditCardPayment card = new CreditCardPayment();
                card.setTender(tender);
                transaction.getCreditCardPayment().add(card);
            }
            case ACH -> {
                AchPayment ach = new AchPayment();
                ach.setTender(tender);
                transaction.getAchPayment().add(ach);
            }
            case CASH -> {
                CashPayment cash = new CashPayment();
                cash.setTender(tender);
                transaction.getCashPayment().add(cash);
            }
        }
        return transaction;
    }

    /** The seed's tender extensions carry no extType. */
    private static ExtensionsItem item(String name, String value) {
        ExtensionsItem item = new ExtensionsItem();
        item.setExtName(name);
        item.setExtValue(value);
        return item;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
