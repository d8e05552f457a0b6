package org.ratepayer.daffron;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ratepayer.cis.CisException;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.multispeak.CbClient;
import org.ratepayer.multispeak.Tenders;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.Tender;

/**
 * CommitPaymentTransaction with several payments. The answer has one paymentTransaction per payment;
 * when every answered tender carries its transactionId the answer is matched by it (a CIS may reorder),
 * otherwise by position, checking the account number (Toolbox's own sample echoes no extensions).
 * Anything that cannot be matched makes the whole answer MALFORMED: guessing could mark an unposted
 * payment as posted.
 */
record PaymentCall(List<Outgoing<PaymentTransaction>> items) implements CisCall {

    private static final String OPERATION = "CommitPaymentTransaction";

    PaymentCall {
        items = List.copyOf(items);
    }

    @Override
    public DataPumpEndpoint endpoint() {
        return DataPumpEndpoint.PAYMENTS;
    }

    @Override
    public List<PostingResult> send(CbClient client) {
        return judge(client.commitPaymentTransaction(items.stream().map(Outgoing::message).toList()));
    }

    List<PostingResult> judge(List<PaymentTransaction> answer) {
        if (answer.size() != items.size()) {
            throw malformed("answered " + answer.size() + " paymentTransaction(s) for " + items.size() + " sent");
        }
        List<Tender> tenders = new ArrayList<>(answer.size());
        for (PaymentTransaction transaction : answer) {
            tenders.add(Tenders.of(transaction).findFirst()
                    .orElseThrow(() -> malformed("a paymentTransaction for account " + transaction.getAccountNumber()
                            + " has no tender")));
        }
        boolean byTransactionId = tenders.stream().allMatch(t -> Tenders.transactionId(t).isPresent());
        List<PostingResult> results = new ArrayList<>(items.size());
        if (byTransactionId) {
            Map<String, Tender> byId = new HashMap<>();
            for (Tender tender : tenders) {
                if (byId.put(Tenders.transactionId(tender).orElseThrow(), tender) != null) {
                    throw malformed("transactionId " + Tenders.transactionId(tender).orElseThrow() + " answered twice");
                }
            }
            for (Outgoing<PaymentTransaction> item : items) {
                Tender tender = Optional.ofNullable(byId.get(item.key()))
                        .orElseThrow(() -> malformed("no answer for transactionId " + item.key()));
                results.add(result(item, tender));
            }
        } else {
            for (int i = 0; i < items.size(); i++) {
                Outgoing<PaymentTransaction> item = items.get(i);
                String sentAccount = item.message().getAccountNumber();
                String answeredAccount = answer.get(i).getAccountNumber();
                if (answeredAccount == null || !answeredAccount.strip().equals(sentAccount.strip())) {
                    throw malformed("answer " + (i + 1) + " is for account " + answeredAccount + ", account "
                            + sentAccount + " was sent there");
                }
                results.add(result(item, tenders.get(i)));
            }
        }
        return results;
    }

    private static PostingResult result(Outgoing<PaymentTransaction> item, Tender tender) {
        if (Tenders.isSuccess(tender)) {
            String receipt = tender.getFinancialTransactionID();
            return new PostingResult(item.postingId(), PostingResult.Status.POSTED,
                    receipt == null || receipt.isBlank() ? null : "financialTransactionID " + receipt);
        }
        String words = tender.getErrorString() == null || tender.getErrorString().isBlank()
                ? "no reason given" : tender.getErrorString();
        if (Tenders.isDuplicate(tender)) {
            return new PostingResult(item.postingId(), PostingResult.Status.DUPLICATE, words);
        }
        String code = tender.getResponseCode() == null ? "no responseCode" : "responseCode "
                + tender.getResponseCode().value();
        return PostingResult.failed(item.postingId(), OPERATION + " answered " + code + ": " + words);
    }

    private static CisException malformed(String why) {
        return new CisException(CisException.Kind.MALFORMED, OPERATION + ": the answer cannot be matched to the "
                + "payments sent: " + why);
    }
}
