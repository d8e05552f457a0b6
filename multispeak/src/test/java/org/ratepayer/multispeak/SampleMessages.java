package org.ratepayer.multispeak;

import java.math.BigDecimal;
import java.util.List;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.ratepayer.multispeak.v3.AchPayment;
import org.ratepayer.multispeak.v3.AllowableTransactionTypes;
import org.ratepayer.multispeak.v3.CashPayment;
import org.ratepayer.multispeak.v3.CreditCardPayment;
import org.ratepayer.multispeak.v3.Customer;
import org.ratepayer.multispeak.v3.ECheckPayment;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.ExtensionsList;
import org.ratepayer.multispeak.v3.HistoryComment;
import org.ratepayer.multispeak.v3.PayableItem;
import org.ratepayer.multispeak.v3.PayableItemList;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.Tender;

/** Builders for the messages of the four operations, shaped as the Daffron samples show them. */
public final class SampleMessages {

    private SampleMessages() {
    }

    public static ExtensionsItem extension(String name, String value, String type) {
        ExtensionsItem item = new ExtensionsItem();
        item.setExtName(name);
        item.setExtValue(value);
        item.setExtType(type);
        return item;
    }

    public static ExtensionsList extensions(ExtensionsItem... items) {
        ExtensionsList list = new ExtensionsList();
        list.getExtensionsItem().addAll(List.of(items));
        return list;
    }

    public static XMLGregorianCalendar dateTime(String lexical) {
        return DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(lexical);
    }

    public static PayableItem payableItem(String description, String current, String pastDue) {
        PayableItem item = new PayableItem();
        item.setPastDueAmount(new BigDecimal(pastDue));
        item.setCurrentAmount(new BigDecimal(current));
        item.setDescription(description);
        item.setChargeCode(description.substring(0, 2).toUpperCase());
        item.setDueDate(dateTime("2024-08-15T00:00:00"));
        return item;
    }

    /** Two services, a prepaid balance and a card block, as in the RTDR sample. */
    public static PayableItemList prepaidPayableItems() {
        PayableItemList list = new PayableItemList();
        PayableItem electric = payableItem("Electric", "1234567.89", "0.07");
        electric.setExtensionsList(extensions(
                extension("remainingBalance", "4.93", "decimal"),
                extension("remainingDays", "1", "decimal"),
                extension("preventCreditCard", "Y", "string")));
        list.getPayableItem().add(electric);
        list.getPayableItem().add(payableItem("Water", "-15.5", "0"));
        AllowableTransactionTypes types = new AllowableTransactionTypes();
        types.getTransactionType().add("Cash Only");
        list.setAllowableTransactionTypes(types);
        return list;
    }

    public static Tender tender(String amount, String transactionId) {
        Tender tender = new Tender();
        tender.setExtensionsList(extensions(extension("transactionId", transactionId, null)));
        tender.setAmount(new BigDecimal(amount));
        tender.setAuthorizationCode("A01 - Approved (EXACT MATCH)");
        tender.setPaymentMode("WEB");
        return tender;
    }

    public static PaymentTransaction cardPayment(String account, String amount, String transactionId) {
        PaymentTransaction transaction = new PaymentTransaction();
        transaction.setAccountNumber(account);
        CreditCardPayment card = new CreditCardPayment();
        card.setTender(tender(amount, transactionId));
        transaction.getCreditCardPayment().add(card);
        return transaction;
    }

    public static PaymentTransaction achPayment(String account, String amount, String transactionId) {
        PaymentTransaction transaction = new PaymentTransaction();
        transaction.setAccountNumber(account);
        AchPayment ach = new AchPayment();
        ach.setTender(tender(amount, transactionId));
        transaction.getAchPayment().add(ach);
        return transaction;
    }

    public static PaymentTransaction eCheckPayment(String account, String amount, String transactionId) {
        PaymentTransaction transaction = new PaymentTransaction();
        transaction.setAccountNumber(account);
        ECheckPayment check = new ECheckPayment();
        check.setTender(tender(amount, transactionId));
        transaction.getECheckPayment().add(check);
        return transaction;
    }

    public static PaymentTransaction cashPayment(String account, String amount, String transactionId) {
        PaymentTransaction transaction = new PaymentTransaction();
        transaction.setAccountNumber(account);
        CashPayment cash = new CashPayment();
        Tender tender = tender(amount, transactionId);
        tender.getExtensionsList().getExtensionsItem().add(extension("billerReference", "BHappy", null));
        tender.setPaymentMode("KIOSK");
        cash.setTender(tender);
        transaction.getCashPayment().add(cash);
        return transaction;
    }

    public static Customer paperless(String account, boolean enrolled) {
        Customer customer = new Customer();
        customer.setObjectID(account);
        customer.setExtensionsList(extensions(extension("EBILL", enrolled ? "Y" : "N", "string")));
        return customer;
    }

    public static HistoryComment comment(String account, String location, String text) {
        HistoryComment comment = new HistoryComment();
        comment.setCustomerID(account);
        comment.setServiceLocationID(location);
        comment.setLogTime("2020-08-06T00:01:32-05:00");
        comment.setComment(text);
        return comment;
    }
}
