package org.ratepayer.multispeak;

/** The CB operations Ratepayer calls, by their wire names. */
public enum CbOperation {
    GET_PAYABLE_ITEMS_LIST("GetPayableItemsList"),
    COMMIT_PAYMENT_TRANSACTION("CommitPaymentTransaction"),
    MODIFY_CB_DATA_FOR_CUSTOMER("ModifyCBDataForCustomer"),
    WRITE_ACCOUNT_HISTORY_COMMENTS("WriteAccountHistoryComments");

    private final String wireName;

    CbOperation(String wireName) {
        this.wireName = wireName;
    }

    /** The operation's name in the WSDL, the body element and the SOAPAction. */
    public String wireName() {
        return wireName;
    }

    /** The SOAPAction header value MultiSpeak 3.0 requires for this operation. */
    public String soapAction() {
        return MultiSpeak.NAMESPACE + "/" + wireName;
    }
}
