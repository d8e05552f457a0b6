package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.ws.WebServiceException;
import java.net.http.HttpRequest;
import java.util.Map;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.billing.web.soap.CloudManagementService;
import org.ratepayer.billing.web.soap.UpdateCustomerRecordResult;

/**
 * UpdateCustomerRecord at {@code /portal/webservices/CloudManagement.asmx} (SPEC C8; docs/api.md): the CIS changes
 * a customer's phone, name or address, authenticated inside the message; errors are SOAP faults that change nothing.
 * The client is built from the served WSDL and validates both ways against its schema.
 */
class CloudManagementIT extends PlatformIT {

    private static final String PATH = "/portal/webservices/CloudManagement.asmx";

    private CloudManagementService client() {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(CloudManagementService.class);
        factory.setWsdlURL(url(PATH + "?wsdl"));
        factory.setServiceName(new javax.xml.namespace.QName(CloudManagementService.NAMESPACE, "CloudManagement"));
        factory.setEndpointName(new javax.xml.namespace.QName(CloudManagementService.NAMESPACE, "CloudManagementSoap"));
        factory.setAddress(url(PATH));
        factory.setProperties(new java.util.HashMap<>(Map.of("schema-validation-enabled", "true")));
        return (CloudManagementService) factory.create();
    }

    private TestBiller billerWith(String account) {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), b.bid() + "_10012026.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "0001", account, "10/01/2026", "20.00", null).text()).status()).isEqualTo(201);
        return b;
    }

    private Map<String, Object> record(TestBiller b, String account) {
        return jdbc.sql("select customer_name, phone, address1, address2, city, state, zip from account "
                + "where biller_id = ? and account_number = ?").params(b.bid(), account).query().singleRow();
    }

    @Test
    void theWsdlIsServedAtThePublicAddressAndNamesTheOperation() {
        Reply wsdl = send(request(PATH + "?wsdl").GET());
        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("UpdateCustomerRecord").contains("BillerGUID").contains("WebServiceKey")
                .contains("AccountNumber").contains("Phone").contains("soap:address location=\"" + url(PATH) + "\"");
        assertThat(send(request("/portal/webservices/CloudInvoicing.asmx?wsdl").GET()).body())
                .as("the invoice upload service is still its own").contains("UploadInvoiceFile").doesNotContain("UpdateCustomerRecord");
    }

    @Test
    void updateCustomerRecordSetsWhatIsSentKeepsTheRestAndIsIdempotent() {
        TestBiller b = billerWith("9101-1");
        Map<String, Object> before = record(b, "9101-1");
        CloudManagementService soap = client();

        UpdateCustomerRecordResult r = soap.updateCustomerRecord(b.guidText(), b.webServiceKey(), "9101-1", null, "(555) 010-2030",
                "12 Oak St", "", "Springfield", "IL", "62701");
        assertThat(r.success).isTrue();
        assertThat(r.changed).isTrue();
        assertThat(r.accountNumber).isEqualTo("9101-1");
        assertThat(r.phone).isEqualTo("(555) 010-2030");
        assertThat(r.customerName).as("a value not sent is left as it is").isEqualTo(before.get("customer_name"));
        Map<String, Object> after = record(b, "9101-1");
        assertThat(after).containsEntry("phone", "(555) 010-2030").containsEntry("address1", "12 Oak St")
                .containsEntry("city", "Springfield").containsEntry("state", "IL").containsEntry("zip", "62701")
                .containsEntry("customer_name", before.get("customer_name")).containsEntry("address2", before.get("address2"));

        UpdateCustomerRecordResult again = soap.updateCustomerRecord(b.guidText(), b.webServiceKey(), "9101-1", null,
                "(555) 010-2030", "12 Oak St", null, "Springfield", "IL", "62701");
        assertThat(again.success).isTrue();
        assertThat(again.changed).as("the same call twice changes the record once").isFalse();
        assertThat(record(b, "9101-1")).isEqualTo(after);

        UpdateCustomerRecordResult renamed = soap.updateCustomerRecord(b.guidText(), b.webServiceKey(), "9101-1", "Pat Q Public",
                null, null, null, null, null, null);
        assertThat(renamed.changed).isTrue();
        assertThat(record(b, "9101-1")).containsEntry("customer_name", "Pat Q Public").containsEntry("phone", "(555) 010-2030");
    }

    @Test
    void wrongKeysUnknownAccountsAndBadValuesAreFaultsThatChangeNothing() {
        TestBiller b = billerWith("9201-1");
        TestBiller other = billerWith("9201-1");
        Map<String, Object> before = record(b, "9201-1");
        Map<String, Object> otherBefore = record(other, "9201-1");
        CloudManagementService soap = client();

        assertThatThrownBy(() -> soap.updateCustomerRecord(b.guidText(), "rp_test_ws_wrong", "9201-1", null, "1", null, null, null, null, null))
                .isInstanceOf(WebServiceException.class).hasMessageEndingWith("BillerGUID and WebServiceKey do not match a biller");
        assertThatThrownBy(() -> soap.updateCustomerRecord(b.guidText(), other.webServiceKey(), "9201-1", null, "2", null, null, null,
                null, null)).as("another biller's key").isInstanceOf(WebServiceException.class);
        assertThatThrownBy(() -> soap.updateCustomerRecord(b.guidText(), b.apiKey(), "9201-1", null, "3", null, null, null, null, null))
                .as("the API key is not the web-service key").isInstanceOf(WebServiceException.class);
        assertThatThrownBy(() -> soap.updateCustomerRecord(b.guidText(), b.webServiceKey(), "9999-9", null, "4", null, null, null, null,
                null)).isInstanceOf(WebServiceException.class).hasMessageContaining("has no account 9999-9");
        assertThatThrownBy(() -> soap.updateCustomerRecord(b.guidText(), b.webServiceKey(), " ", null, "5", null, null, null, null, null))
                .isInstanceOf(WebServiceException.class).hasMessageContaining("AccountNumber is required");
        assertThatThrownBy(() -> soap.updateCustomerRecord(b.guidText(), b.webServiceKey(), "9201-1", null, "6".repeat(31), null, null,
                null, null, null)).isInstanceOf(WebServiceException.class).hasMessageContaining("Phone must be at most 30");
        assertThat(record(b, "9201-1")).isEqualTo(before);
        assertThat(record(other, "9201-1")).isEqualTo(otherBefore);

        Reply unknownElement = send(request(PATH).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + CloudManagementService.NAMESPACE + "UpdateCustomerRecord\"")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                                       xmlns:c="http://ratepayer.org/portal/webservices/CloudManagement/">
                          <soap:Body><c:UpdateCustomerRecord><c:BillerGUID>%s</c:BillerGUID><c:WebServiceKey>%s</c:WebServiceKey>
                            <c:AccountNumber>9201-1</c:AccountNumber><c:Fax>1</c:Fax></c:UpdateCustomerRecord></soap:Body>
                        </soap:Envelope>""".formatted(b.guidText(), b.webServiceKey()))));
        assertThat(unknownElement.status()).isEqualTo(500);
        assertThat(unknownElement.body()).contains("soap:Client").contains("UpdateCustomerRecord has no element Fax")
                .doesNotContain("Exception");
        assertThat(record(b, "9201-1")).isEqualTo(before);
    }
}
