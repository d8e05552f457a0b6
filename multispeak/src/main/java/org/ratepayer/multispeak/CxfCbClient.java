package org.ratepayer.multispeak;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.handler.MessageContext;
import org.apache.cxf.frontend.ClientProxy;
import org.ratepayer.multispeak.v3.ArrayOfCustomer;
import org.ratepayer.multispeak.v3.ArrayOfErrorObject;
import org.ratepayer.multispeak.v3.ArrayOfHistoryComment;
import org.ratepayer.multispeak.v3.CBServerSoap;
import org.ratepayer.multispeak.v3.Customer;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.HistoryComment;
import org.ratepayer.multispeak.v3.MultiSpeakMsgHeader;
import org.ratepayer.multispeak.v3.PayableItemList;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.PaymentTransactionList;

/**
 * A {@link CbClient} over one CXF proxy. The proxy is fully configured before this object exists
 * and never reconfigured afterwards; everything that changes per call (the header) travels as a
 * method argument, so concurrent calls share nothing mutable.
 */
final class CxfCbClient implements CbClient, AutoCloseable {

    private final CbEndpoint endpoint;
    private final CBServerSoap port;
    private final RequestHeaders headers;
    private final FailureTranslator failures;

    CxfCbClient(CbEndpoint endpoint, CBServerSoap port, RequestHeaders headers, FailureTranslator failures) {
        this.endpoint = endpoint;
        this.port = port;
        this.headers = headers;
        this.failures = failures;
    }

    @Override
    public PayableItemList getPayableItemsList(String accountNumber) {
        requireText(accountNumber, "accountNumber");
        PayableItemList result = call(CbOperation.GET_PAYABLE_ITEMS_LIST,
                header -> port.getPayableItemsList(accountNumber, header));
        return result == null ? new PayableItemList() : result;
    }

    @Override
    public List<PaymentTransaction> commitPaymentTransaction(List<PaymentTransaction> transactions) {
        PaymentTransactionList request = new PaymentTransactionList();
        request.getPaymentTransaction().addAll(requireNonEmpty(transactions, "transactions"));
        PaymentTransactionList result = call(CbOperation.COMMIT_PAYMENT_TRANSACTION,
                header -> port.commitPaymentTransaction(request, header));
        return result == null ? List.of() : List.copyOf(result.getPaymentTransaction());
    }

    @Override
    public List<ErrorObject> modifyCBDataForCustomer(List<Customer> customers) {
        ArrayOfCustomer request = new ArrayOfCustomer();
        request.getCustomer().addAll(requireNonEmpty(customers, "customers"));
        return errors(call(CbOperation.MODIFY_CB_DATA_FOR_CUSTOMER,
                header -> port.modifyCBDataForCustomer(request, header)));
    }

    @Override
    public List<ErrorObject> writeAccountHistoryComments(List<HistoryComment> comments) {
        ArrayOfHistoryComment request = new ArrayOfHistoryComment();
        request.getHistoryComment().addAll(requireNonEmpty(comments, "comments"));
        return errors(call(CbOperation.WRITE_ACCOUNT_HISTORY_COMMENTS,
                header -> port.writeAccountHistoryComments(request, header)));
    }

    @Override
    public CbEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        ClientProxy.getClient(port).destroy();
    }

    private <T> T call(CbOperation operation, Function<Holder<MultiSpeakMsgHeader>, T> invocation) {
        Holder<MultiSpeakMsgHeader> header = new Holder<>(headers.forCall(endpoint));
        try {
            return invocation.apply(header);
        } catch (RuntimeException e) {
            throw failures.translate(operation, endpoint.url(), e, lastHttpStatus());
        }
    }

    /** The response context is per thread (see the factory), so this is the status of this thread's call. */
    private Integer lastHttpStatus() {
        Object status = ((BindingProvider) port).getResponseContext().get(MessageContext.HTTP_RESPONSE_CODE);
        return status instanceof Integer code ? code : null;
    }

    private static List<ErrorObject> errors(ArrayOfErrorObject result) {
        if (result == null) {
            return List.of();
        }
        return result.getErrorObject().stream().filter(Objects::nonNull).toList();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static <T> List<T> requireNonEmpty(List<T> items, String name) {
        Objects.requireNonNull(items, name);
        if (items.isEmpty() || items.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(name + " must be a non-empty list without nulls");
        }
        return items;
    }
}
