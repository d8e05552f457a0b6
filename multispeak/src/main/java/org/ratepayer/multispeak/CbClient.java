package org.ratepayer.multispeak;

import java.util.List;

import org.ratepayer.multispeak.v3.Customer;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.HistoryComment;
import org.ratepayer.multispeak.v3.PayableItemList;
import org.ratepayer.multispeak.v3.PaymentTransaction;

/**
 * The four MultiSpeak CB operations Ratepayer uses, against one endpoint. Implementations are
 * thread-safe. Every method throws a {@link MultiSpeakException} subclass when no usable reply
 * came back; a reply that came back is returned as is, with the CIS's own per-object errors in it.
 */
public interface CbClient {

    /** The account's payable items; an answer without a result is returned as an empty list. */
    PayableItemList getPayableItemsList(String accountNumber);

    /** Posts payments; the CIS's answer per transaction (see {@code tender.responseCode}). */
    List<PaymentTransaction> commitPaymentTransaction(List<PaymentTransaction> transactions);

    /** Sends customer changes (the EBILL extension); the errors the CIS reported, empty when none. */
    List<ErrorObject> modifyCBDataForCustomer(List<Customer> customers);

    /** Writes account history comments; the errors the CIS reported, empty when none. */
    List<ErrorObject> writeAccountHistoryComments(List<HistoryComment> comments);

    /** The endpoint this client calls. */
    CbEndpoint endpoint();
}
