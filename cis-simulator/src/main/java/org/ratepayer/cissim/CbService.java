package org.ratepayer.cissim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.xml.namespace.QName;

import jakarta.xml.ws.Holder;
import org.apache.cxf.binding.soap.SoapFault;
import org.ratepayer.multispeak.MultiSpeak;
import org.ratepayer.multispeak.v3.ArrayOfCustomer;
import org.ratepayer.multispeak.v3.ArrayOfErrorObject;
import org.ratepayer.multispeak.v3.ArrayOfHistoryComment;
import org.ratepayer.multispeak.v3.CBServerSoap;
import org.ratepayer.multispeak.v3.Customer;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.HistoryComment;
import org.ratepayer.multispeak.v3.MultiSpeakMsgHeader;
import org.ratepayer.multispeak.v3.PayableItemList;
import org.ratepayer.multispeak.v3.PaymentTransactionList;

/**
 * The simulated Daffron Toolbox CB service.
 *
 * <p>Decisions where the seeds are silent: an unknown account in GetPayableItemsList is a SOAP
 * fault {@code soap:Client} whose faultstring starts with {@value #UNKNOWN_ACCOUNT} (an empty list
 * would read as "nothing due"); postings are recorded whether or not the account is loaded; a
 * customer without a Y/N EBILL extension and a comment without customerID or over 70 characters
 * are answered with an errorObject and not recorded.
 */
final class CbService implements CBServerSoap {

    static final String UNKNOWN_ACCOUNT = "Unknown account";
    static final int MAX_COMMENT = 70;
    private static final String SOAP11_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";

    private final SimulatorState state;
    private final Credentials credentials;
    private final WireValues wire;
    private final PayableItemsAnswer payableItems;
    private final PaymentDesk payments;

    CbService(SimulatorState state, Credentials credentials, WireValues wire) {
        this.state = state;
        this.credentials = credentials;
        this.wire = wire;
        this.payableItems = new PayableItemsAnswer(wire);
        this.payments = new PaymentDesk(state.ledger(), state::refusal);
    }

    @Override
    public PayableItemList getPayableItemsList(String accountNumber, Holder<MultiSpeakMsgHeader> header) {
        authenticate(header);
        CisAccount account = state.account(accountNumber == null ? "" : accountNumber.strip())
                .orElseThrow(() -> clientFault(UNKNOWN_ACCOUNT + ": " + accountNumber));
        header.value = replyHeader();
        return payableItems.of(account);
    }

    @Override
    public PaymentTransactionList commitPaymentTransaction(PaymentTransactionList transactions,
                                                           Holder<MultiSpeakMsgHeader> header) {
        authenticate(header);
        PaymentTransactionList answer = payments.commit(transactions);
        header.value = replyHeader();
        return answer;
    }

    @Override
    public ArrayOfErrorObject modifyCBDataForCustomer(ArrayOfCustomer customerData,
                                                      Holder<MultiSpeakMsgHeader> header) {
        authenticate(header);
        List<ErrorObject> errors = new ArrayList<>();
        if (customerData != null) {
            for (Customer customer : customerData.getCustomer()) {
                if (customer != null) {
                    recordPaperless(customer, errors);
                }
            }
        }
        header.value = replyHeader();
        return errors(errors);
    }

    @Override
    public ArrayOfErrorObject writeAccountHistoryComments(ArrayOfHistoryComment comments,
                                                          Holder<MultiSpeakMsgHeader> header) {
        authenticate(header);
        List<ErrorObject> errors = new ArrayList<>();
        if (comments != null) {
            for (HistoryComment comment : comments.getHistoryComment()) {
                if (comment != null) {
                    recordComment(comment, errors);
                }
            }
        }
        header.value = replyHeader();
        return errors(errors);
    }

    private void recordPaperless(Customer customer, List<ErrorObject> errors) {
        String account = customer.getObjectID();
        String ebill = WireValues.valueOf(WireValues.read(customer.getExtensionsList()), "EBILL");
        String flag = ebill == null ? null : ebill.strip().toUpperCase(Locale.ROOT);
        if (account == null || account.isBlank()) {
            errors.add(error(account, "customer without objectID", "customer"));
        } else if (!"Y".equals(flag) && !"N".equals(flag)) {
            errors.add(error(account, "extension EBILL must be Y or N, was " + ebill, "customer"));
        } else if (state.refusal(account).isPresent()) {
            state.ledger().refused();
            errors.add(error(account, state.refusal(account).get(), "customer"));
        } else {
            state.ledger().postPaperless(account, flag);
        }
    }

    private void recordComment(HistoryComment comment, List<ErrorObject> errors) {
        String account = comment.getCustomerID();
        String text = comment.getComment();
        if (account == null || account.isBlank()) {
            errors.add(error(account, "historyComment without customerID", "historyComment"));
        } else if (text == null || text.isBlank()) {
            errors.add(error(account, "historyComment without comment", "historyComment"));
        } else if (text.length() > MAX_COMMENT) {
            errors.add(error(account, "comment longer than " + MAX_COMMENT + " characters", "historyComment"));
        } else if (state.refusal(account).isPresent()) {
            state.ledger().refused();
            errors.add(error(account, state.refusal(account).get(), "historyComment"));
        } else {
            state.ledger().postComment(account, comment.getServiceLocationID(), comment.getServiceType(),
                    comment.getLogTime(), text);
        }
    }

    private void authenticate(Holder<MultiSpeakMsgHeader> header) {
        MultiSpeakMsgHeader received = header == null ? null : header.value;
        if (received == null) {
            throw clientFault("Authentication failed: no MultiSpeakMsgHeader");
        }
        if (!credentials.accept(received.getUserID(), received.getPwd())) {
            throw clientFault("Authentication failed: invalid UserID or Pwd");
        }
    }

    private MultiSpeakMsgHeader replyHeader() {
        MultiSpeakMsgHeader header = new MultiSpeakMsgHeader();
        header.setVersion(MultiSpeak.VERSION);
        header.setCompany("Daffron and Associates, Inc.");
        header.setAppName("Toolbox iXp");
        header.setAppVersion("2.0");
        header.setSessionID(SessionIds.of(wire.clock().instant()));
        header.setMessageID(UUID.randomUUID().toString());
        header.setTimeStamp(wire.now());
        return header;
    }

    private ErrorObject error(String objectId, String text, String noun) {
        ErrorObject error = new ErrorObject();
        error.setObjectID(objectId);
        error.setErrorString(text);
        error.setNounType(noun);
        error.setEventTime(wire.now());
        return error;
    }

    private static ArrayOfErrorObject errors(List<ErrorObject> errors) {
        ArrayOfErrorObject array = new ArrayOfErrorObject();
        array.getErrorObject().addAll(errors);
        return array;
    }

    private static SoapFault clientFault(String message) {
        return new SoapFault(message, new QName(SOAP11_ENVELOPE, "Client"));
    }
}
