package org.ratepayer.multispeak;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ratepayer.multispeak.v3.ArrayOfCustomer;
import org.ratepayer.multispeak.v3.ArrayOfErrorObject;
import org.ratepayer.multispeak.v3.ArrayOfHistoryComment;
import org.ratepayer.multispeak.v3.CommitPaymentTransaction;
import org.ratepayer.multispeak.v3.CommitPaymentTransactionResponse;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.GetPayableItemsList;
import org.ratepayer.multispeak.v3.GetPayableItemsListResponse;
import org.ratepayer.multispeak.v3.MessageHeaderCSUnits;
import org.ratepayer.multispeak.v3.ModifyCBDataForCustomer;
import org.ratepayer.multispeak.v3.ModifyCBDataForCustomerResponse;
import org.ratepayer.multispeak.v3.MultiSpeakMsgHeader;
import org.ratepayer.multispeak.v3.PayableItem;
import org.ratepayer.multispeak.v3.PaymentTransactionList;
import org.ratepayer.multispeak.v3.ResponseCode;
import org.ratepayer.multispeak.v3.Tender;
import org.ratepayer.multispeak.v3.WriteAccountHistoryComments;
import org.ratepayer.multispeak.v3.WriteAccountHistoryCommentsResponse;

/** Every message shape the compact contract can produce is valid against the official schema. */
class OfficialSchemaConformanceTest {

    private final MultiSpeakXml xml = new MultiSpeakXml();

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("header with every attribute", fullHeader()),
                Arguments.of("GetPayableItemsList", getPayableItemsList()),
                Arguments.of("GetPayableItemsListResponse", getPayableItemsListResponse()),
                Arguments.of("CommitPaymentTransaction", commit()),
                Arguments.of("CommitPaymentTransactionResponse", commitResponse()),
                Arguments.of("ModifyCBDataForCustomer", modify()),
                Arguments.of("ModifyCBDataForCustomerResponse", modifyResponse()),
                Arguments.of("WriteAccountHistoryComments", write()),
                Arguments.of("WriteAccountHistoryCommentsResponse", writeResponse()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void validAgainstOfficialSchema(String name, Object message) {
        MultiSpeakSchema official = OfficialSchema.get();
        String text = xml.marshal(message);
        assertThat(official.problems(text)).as(text).isEmpty();
    }

    @Test
    void theValidatorDoesCatchAWrongOrder() {
        MultiSpeakSchema official = OfficialSchema.get();
        String swapped = "<GetPayableItemsListResponse xmlns=\"http://www.multispeak.org/Version_3.0\">"
                + "<GetPayableItemsListResult><payableItem>"
                + "<currentAmount>1</currentAmount><pastDueAmount>2</pastDueAmount>"
                + "</payableItem></GetPayableItemsListResult></GetPayableItemsListResponse>";
        assertThat(official.problems(swapped)).isNotEmpty();
    }

    @Test
    void everyElementOfTheCompactContractIsKnownToTheOfficialSchemaInTheSameOrder() {
        // a message with every optional element filled in: an element the official schema lacks,
        // or one out of its order, makes it invalid
        MultiSpeakSchema official = OfficialSchema.get();
        PayableItem item = SampleMessages.payableItem("Electric", "10.00", "2.00");
        item.setComments("note");
        item.setObjectID("pi-1");
        item.setDisconnectDate(SampleMessages.dateTime("2024-09-01T00:00:00"));
        item.setLastPaymentAmount(new BigDecimal("50.25"));
        item.setLastPaymentDate(SampleMessages.dateTime("2024-07-01T10:00:00-05:00"));
        item.setExtensionsList(SampleMessages.extensions(SampleMessages.extension("a", "b", "string")));
        Tender tender = SampleMessages.tender("10.00", "t-9");
        tender.setComments("c");
        tender.setConvenienceFee(new BigDecimal("1.50"));
        tender.setUtilityFee(new BigDecimal("0.25"));
        tender.setTotal(new BigDecimal("11.75"));
        tender.setPayableItemList(SampleMessages.prepaidPayableItems());
        tender.getPayableItemList().getPayableItem().add(item);
        tender.setResponseCode(ResponseCode.SUCCESS);
        tender.setFinancialTransactionID("F-1");
        var transaction = SampleMessages.cardPayment("1001-2", "10.00", "t-9");
        transaction.setTypeService("Electric");
        transaction.getCreditCardPayment().get(0).setTender(tender);
        transaction.getECheckPayment().addAll(SampleMessages.eCheckPayment("1001-2", "1", "e").getECheckPayment());
        transaction.getAchPayment().addAll(SampleMessages.achPayment("1001-2", "2", "a").getAchPayment());
        transaction.getCashPayment().addAll(SampleMessages.cashPayment("1001-2", "3", "c").getCashPayment());
        CommitPaymentTransaction message = new CommitPaymentTransaction();
        message.setTransactions(new PaymentTransactionList());
        message.getTransactions().getPaymentTransaction().add(transaction);

        var customer = SampleMessages.paperless("1001-2", true);
        customer.setLastName("Lovelace");
        customer.setFirstName("Ada");
        customer.setMName("A");
        customer.setDBAName("AL");
        customer.setHomeAc("555");
        customer.setHomePhone("1234567");
        customer.setDayAc("555");
        customer.setDayPhone("7654321");
        customer.setBillAddr1("1 Main St");
        customer.setBillAddr2("Apt 2");
        customer.setBillCity("Lowell");
        customer.setBillState("MI");
        customer.setBillZip("49331");
        ModifyCBDataForCustomer modify = new ModifyCBDataForCustomer();
        modify.setCustomerData(new ArrayOfCustomer());
        modify.getCustomerData().getCustomer().add(customer);

        var comment = SampleMessages.comment("1001-2", "321045080002", "AUTOPAY ON");
        comment.setServiceType("Electric");
        WriteAccountHistoryComments write = new WriteAccountHistoryComments();
        write.setComments(new ArrayOfHistoryComment());
        write.getComments().getHistoryComment().add(comment);

        for (Object m : List.of(message, modify, write)) {
            String text = xml.marshal(m);
            assertThat(official.problems(text)).as(text).isEmpty();
        }
    }

    private static MultiSpeakMsgHeader fullHeader() {
        MultiSpeakMsgHeader header = new MultiSpeakMsgHeader();
        header.setVersion("3.0");
        header.setUserID("InvoiceCloud");
        header.setPwd("secret");
        header.setAppName("Ratepayer");
        header.setAppVersion("1.0");
        header.setCompany("Ratepayer");
        header.setCSUnits(MessageHeaderCSUnits.FEET);
        header.setCoordinateSystem("none");
        header.setDatum("none");
        header.setSessionID("s1");
        header.setPreviousSessionID("s0");
        header.setObjectsRemaining(java.math.BigInteger.ZERO);
        header.setLastSent("x");
        header.setRegistrationID("r");
        header.setAuditID("a");
        header.setMessageID("m");
        header.setTimeStamp(SampleMessages.dateTime("2024-08-15T10:00:00Z"));
        header.setBuildString("b");
        return header;
    }

    private static GetPayableItemsList getPayableItemsList() {
        GetPayableItemsList message = new GetPayableItemsList();
        message.setAccountNumber("1001-2");
        return message;
    }

    private static GetPayableItemsListResponse getPayableItemsListResponse() {
        GetPayableItemsListResponse message = new GetPayableItemsListResponse();
        message.setGetPayableItemsListResult(SampleMessages.prepaidPayableItems());
        return message;
    }

    private static CommitPaymentTransaction commit() {
        CommitPaymentTransaction message = new CommitPaymentTransaction();
        message.setTransactions(new PaymentTransactionList());
        message.getTransactions().getPaymentTransaction().addAll(List.of(
                SampleMessages.cardPayment("35909001", "232.1", "e4deba7f-86e7-4850-8226-d6a2fbfb0ab6"),
                SampleMessages.achPayment("1001-2", "15", "t-2"),
                SampleMessages.eCheckPayment("1001-3", "0.07", "t-3"),
                SampleMessages.cashPayment("1001-4", "-15.5", "t-4")));
        return message;
    }

    private static CommitPaymentTransactionResponse commitResponse() {
        CommitPaymentTransactionResponse message = new CommitPaymentTransactionResponse();
        PaymentTransactionList result = commit().getTransactions();
        Tenders.of(result.getPaymentTransaction().get(0)).forEach(t -> {
            t.setResponseCode(ResponseCode.FAILURE);
            t.setErrorString(Tenders.DUPLICATE_ERROR_PREFIX + " t-1: already posted");
        });
        message.setCommitPaymentTransactionResult(result);
        return message;
    }

    private static ModifyCBDataForCustomer modify() {
        ModifyCBDataForCustomer message = new ModifyCBDataForCustomer();
        message.setCustomerData(new ArrayOfCustomer());
        message.getCustomerData().getCustomer().add(SampleMessages.paperless("1001", true));
        message.getCustomerData().getCustomer().add(SampleMessages.paperless("1002", false));
        return message;
    }

    private static ArrayOfErrorObject errors() {
        ErrorObject error = new ErrorObject();
        error.setObjectID("1001");
        error.setErrorString("unknown");
        error.setNounType("customer");
        error.setEventTime(SampleMessages.dateTime("2024-08-15T10:00:00-05:00"));
        ArrayOfErrorObject errors = new ArrayOfErrorObject();
        errors.getErrorObject().add(error);
        return errors;
    }

    private static ModifyCBDataForCustomerResponse modifyResponse() {
        ModifyCBDataForCustomerResponse message = new ModifyCBDataForCustomerResponse();
        message.setModifyCBDataForCustomerResult(errors());
        return message;
    }

    private static WriteAccountHistoryComments write() {
        WriteAccountHistoryComments message = new WriteAccountHistoryComments();
        message.setComments(new ArrayOfHistoryComment());
        message.getComments().getHistoryComment().add(SampleMessages.comment("1001", "321045080002", "AUTOPAY ON"));
        message.getComments().getHistoryComment().add(
                SampleMessages.comment("1001", "321045080002", "SCHED_PAY 08152024 156.25 121940013401"));
        return message;
    }

    private static WriteAccountHistoryCommentsResponse writeResponse() {
        WriteAccountHistoryCommentsResponse message = new WriteAccountHistoryCommentsResponse();
        message.setWriteAccountHistoryCommentsResult(errors());
        return message;
    }

}
