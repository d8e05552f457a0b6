package org.ratepayer.cissim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.ratepayer.multispeak.Tenders;
import org.ratepayer.multispeak.v3.AchPayment;
import org.ratepayer.multispeak.v3.CashPayment;
import org.ratepayer.multispeak.v3.CreditCardPayment;
import org.ratepayer.multispeak.v3.ECheckPayment;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.PaymentTransactionList;
import org.ratepayer.multispeak.v3.ResponseCode;
import org.ratepayer.multispeak.v3.Tender;

/**
 * Posts CommitPaymentTransaction tenders and answers each one, in the request's order, with the
 * same tender element kind. A transactionId posted before is answered as a duplicate (see
 * {@link Tenders}) and never posted again.
 */
final class PaymentDesk {

    private final PostingLedger ledger;
    private final Function<String, Optional<String>> refusals;

    /** @param refusals why postings for an account are refused, empty when accepted */
    PaymentDesk(PostingLedger ledger, Function<String, Optional<String>> refusals) {
        this.ledger = ledger;
        this.refusals = refusals;
    }

    PaymentTransactionList commit(PaymentTransactionList request) {
        PaymentTransactionList answer = new PaymentTransactionList();
        if (request == null) {
            return answer;
        }
        for (PaymentTransaction transaction : request.getPaymentTransaction()) {
            if (transaction != null) {
                answer.getPaymentTransaction().add(commit(transaction));
            }
        }
        return answer;
    }

    private PaymentTransaction commit(PaymentTransaction transaction) {
        String account = transaction.getAccountNumber();
        PaymentTransaction answer = new PaymentTransaction();
        answer.setAccountNumber(account);
        answer.setTypeService(transaction.getTypeService());
        post(transaction.getCreditCardPayment(), CreditCardPayment::getTender, "creditCardPayment", account, t -> {
            CreditCardPayment p = new CreditCardPayment();
            p.setTender(t);
            answer.getCreditCardPayment().add(p);
        });
        post(transaction.getECheckPayment(), ECheckPayment::getTender, "eCheckPayment", account, t -> {
            ECheckPayment p = new ECheckPayment();
            p.setTender(t);
            answer.getECheckPayment().add(p);
        });
        post(transaction.getAchPayment(), AchPayment::getTender, "achPayment", account, t -> {
            AchPayment p = new AchPayment();
            p.setTender(t);
            answer.getAchPayment().add(p);
        });
        post(transaction.getCashPayment(), CashPayment::getTender, "cashPayment", account, t -> {
            CashPayment p = new CashPayment();
            p.setTender(t);
            answer.getCashPayment().add(p);
        });
        return answer;
    }

    private <P> void post(List<P> payments, Function<P, Tender> tenderOf, String kind,
                          String account, Consumer<Tender> answer) {
        for (P payment : payments) {
            Tender tender = payment == null ? null : tenderOf.apply(payment);
            answer.accept(post(kind, account, tender));
        }
    }

    private Tender post(String kind, String account, Tender tender) {
        if (tender == null || tender.getAmount() == null) {
            return refused(tender, "the " + kind + " has no tender amount");
        }
        if (account == null || account.isBlank()) {
            return refused(tender, "the paymentTransaction has no accountNumber");
        }
        List<Extension> extensions = WireValues.read(tender.getExtensionsList());
        Optional<String> refusal = refusals.apply(account);
        if (refusal.isPresent()) {
            ledger.refused();
            Tender reply = refused(tender, refusal.get());
            reply.setExtensionsList(WireValues.write(extensions));
            return reply;
        }
        String transactionId = WireValues.valueOf(extensions, Tenders.TRANSACTION_ID);
        PostingLedger.PaymentOutcome outcome = ledger.postPayment(account, kind, tender.getAmount(),
                tender.getAuthorizationCode(), tender.getPaymentMode(), extensions, transactionId);

        Tender reply = new Tender();
        List<Extension> replyExtensions = new ArrayList<>(extensions);
        reply.setAmount(tender.getAmount());
        reply.setAuthorizationCode(tender.getAuthorizationCode());
        reply.setFinancialTransactionID(outcome.posting().receipt());
        if (outcome.duplicate()) {
            reply.setResponseCode(ResponseCode.FAILURE);
            reply.setErrorString(Tenders.DUPLICATE_ERROR_PREFIX + " " + transactionId + ": already posted as "
                    + outcome.posting().receipt());
            replyExtensions.add(new Extension(Tenders.DUPLICATE_EXTENSION, "Y", PayableItemsAnswer.STRING));
        } else {
            reply.setResponseCode(ResponseCode.SUCCESS);
        }
        reply.setExtensionsList(WireValues.write(replyExtensions));
        return reply;
    }

    private static Tender refused(Tender received, String why) {
        Tender reply = new Tender();
        reply.setAmount(received == null || received.getAmount() == null
                ? BigDecimal.ZERO : received.getAmount());
        reply.setResponseCode(ResponseCode.FAILURE);
        reply.setErrorString(why);
        return reply;
    }
}
