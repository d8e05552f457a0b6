package org.ratepayer.paynow.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * A Cloud Payments V2 request (docs/paynow.md) as read by {@link PayNowRequestParser}: every value
 * already in its one canonical form (amounts as BigDecimal, dates as LocalDate, blank URLs as null).
 * Stored with the session as JSON, so field names are the wire's.
 */
public record PayNowRequest(
        List<Customer> customers,
        boolean createCustomerRecord,
        boolean allowSwipe,
        boolean allowCcPayment,
        boolean allowAchPayment,
        boolean allowEmv,
        String emvDeviceId,
        String emvLocationId,
        String cashierName,
        URI returnUrl,
        URI postBackUrl,
        String billerReference,
        int viewMode,
        URI cssUrl,
        int pageLoadOverride,
        String remoteAuthenticationToken,
        PageResultOptions pageResultOptions) {

    public PayNowRequest {
        customers = List.copyOf(customers);
    }

    public record Customer(String accountNumber, String displayAccountNumber, String name, String address, String city,
            String state, String zip, String emailAddress, List<Invoice> invoices) {

        public Customer {
            invoices = List.copyOf(invoices);
        }
    }

    /** Amounts in dollars with at most two decimals; null when the partner did not send them. */
    public record Invoice(String invoiceNumber, Integer typeId, LocalDate invoiceDate, LocalDate dueDate,
            BigDecimal balanceDue, BigDecimal ccServiceFee, BigDecimal achServiceFee, BigDecimal minimumAmountDue,
            Boolean allowPartialPayments) {
    }

    public record PageResultOptions(boolean allowRegisterAccount, boolean allowViewStatement, boolean allowRemove,
            boolean allowViewRelated, boolean allowRemindMe) {
    }

    /**
     * The request as the session keeps it: the RemoteAuthenticationToken is a credential, used up when the request
     * is accepted, and is not stored.
     */
    public PayNowRequest withoutRemoteAuthenticationToken() {
        return new PayNowRequest(customers, createCustomerRecord, allowSwipe, allowCcPayment, allowAchPayment, allowEmv,
                emvDeviceId, emvLocationId, cashierName, returnUrl, postBackUrl, billerReference, viewMode, cssUrl,
                pageLoadOverride, null, pageResultOptions);
    }

    /** The iframe view mode: the page is embedded in the partner's own page. */
    public boolean inIframe() {
        return viewMode == 1;
    }
}
