package org.ratepayer.daffron;

/**
 * The body elements of seed 002's "Data Pump" samples, written as the schema names them: the seed's
 * typos {@code extensionsltem} and {@code transactionld} are {@code extensionsItem} and
 * {@code transactionId} here (SPEC "MultiSpeak wire rules"). Parts that vary with a biller's settings
 * are parameters; everything else is the seed's text.
 */
final class SeedMessages {

    private SeedMessages() {
    }

    /** A tender extension as the seed writes it: no extType. */
    static String extension(String name, String value) {
        return "<extensionsItem><extName>" + name + "</extName><extValue>" + value + "</extValue></extensionsItem>";
    }

    /** CommitPaymentTransaction of the seed: account 35909001, 232.1, approval "A01 - Approved (EXACT MATCH)". */
    static String commitPayment(String tenderElement, String account, String amount, String paymentMode,
                                String... extensions) {
        return """
                <CommitPaymentTransaction xmlns="http://www.multispeak.org/Version_3.0">
                  <transactions>
                    <paymentTransaction>
                      <accountNumber>%s</accountNumber>
                      <%s>
                        <tender>
                          <extensionsList>%s</extensionsList>
                          <amount>%s</amount>
                          <authorizationCode>A01 - Approved (EXACT MATCH)</authorizationCode>
                          <paymentMode>%s</paymentMode>
                        </tender>
                      </%s>
                    </paymentTransaction>
                  </transactions>
                </CommitPaymentTransaction>
                """.formatted(account, tenderElement, String.join("", extensions), amount, paymentMode, tenderElement);
    }

    static String seedCommitPayment(String amount, String transactionId, String paymentMode) {
        return commitPayment("creditCardPayment", "35909001", amount, paymentMode,
                extension("transactionId", transactionId));
    }

    /** ModifyCBDataForCustomer of the seed: customer 1001, EBILL Y (extType double, as the seed has it). */
    static String ebill(String account, String flag) {
        return """
                <ModifyCBDataForCustomer xmlns="http://www.multispeak.org/Version_3.0">
                  <customerData>
                    <customer objectID="%s">
                      <extensionsList>
                        <extensionsItem>
                          <extName>EBILL</extName>
                          <extValue>%s</extValue>
                          <extType>double</extType>
                        </extensionsItem>
                      </extensionsList>
                    </customer>
                  </customerData>
                </ModifyCBDataForCustomer>
                """.formatted(account, flag);
    }

    /** WriteAccountHistoryComments of the seed, with the prefixes (ns1:) it uses. */
    static String historyComment(String account, String location, String logTime, String comment) {
        return """
                <ns1:WriteAccountHistoryComments xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.multispeak.org/Version_3.0">
                  <ns1:comments>
                    <ns1:historyComment>
                      <ns1:customerID>%s</ns1:customerID>
                      <ns1:serviceLocationID>%s</ns1:serviceLocationID>
                      <ns1:logTime>%s</ns1:logTime>
                      <ns1:comment>%s</ns1:comment>
                    </ns1:historyComment>
                  </ns1:comments>
                </ns1:WriteAccountHistoryComments>
                """.formatted(account, location, logTime, comment);
    }
}
