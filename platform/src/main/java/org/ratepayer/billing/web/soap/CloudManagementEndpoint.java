package org.ratepayer.billing.web.soap;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import org.ratepayer.billers.Biller;
import org.ratepayer.billing.internal.CustomerRecords;

/**
 * UpdateCustomerRecord: the CIS changed a customer's phone, name or address between invoice files (seed 002, "User
 * modifies phone number in CIS"). Answers the record as it now is; every error is a Client fault saying what to fix.
 */
@WebService(serviceName = "CloudManagement", portName = "CloudManagementSoap",
        targetNamespace = CloudManagementService.NAMESPACE,
        endpointInterface = "org.ratepayer.billing.web.soap.CloudManagementService")
public class CloudManagementEndpoint implements CloudManagementService {

    static final int MAX_NAME = 200;
    static final int MAX_PHONE = 30;
    static final int MAX_FIELD = 100;

    private final InvoiceUploads keys;
    private final CustomerRecords records;

    /** Injected by CXF when the endpoint is published: the HTTP exchange of the call being served. */
    @Resource
    private WebServiceContext context;

    public CloudManagementEndpoint(InvoiceUploads keys, CustomerRecords records) {
        this.keys = keys;
        this.records = records;
    }

    @Override
    public UpdateCustomerRecordResult updateCustomerRecord(String billerGuid, String webServiceKey, String accountNumber,
            String customerName, String phone, String address1, String address2, String city, String state, String zip) {
        MessageContext message = context.getMessageContext();
        HttpServletRequest request = (HttpServletRequest) message.get(MessageContext.SERVLET_REQUEST);
        Biller biller;
        try {
            biller = keys.authenticate(request, billerGuid, webServiceKey);
        } catch (InvoiceUploads.UploadSlowedDown e) {
            throw PlainFault.slowedDown(e, (HttpServletResponse) message.get(MessageContext.SERVLET_RESPONSE));
        } catch (InvoiceUploads.UploadDenied e) {
            throw new PlainFault(e.getMessage());
        }
        String account = value("AccountNumber", accountNumber, 50);
        if (account == null) {
            throw new PlainFault("AccountNumber is required");
        }
        CustomerRecords.Update update = new CustomerRecords.Update(value("CustomerName", customerName, MAX_NAME),
                value("Address1", address1, MAX_FIELD), value("Address2", address2, MAX_FIELD), value("City", city, MAX_FIELD),
                value("State", state, MAX_FIELD), value("Zip", zip, 20), value("Phone", phone, MAX_PHONE));
        CustomerRecords.Changed result = records.update(biller.bid(), account, update)
                .orElseThrow(() -> new PlainFault("AccountNumber: biller " + biller.bid() + " has no account " + account));
        return result(result);
    }

    /** A value as stored: trimmed; empty is the same as left out. */
    private static String value(String element, String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String v = text.strip();
        if (v.length() > max) {
            throw new PlainFault(element + " must be at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new PlainFault(element + " must not hold control characters");
        }
        return v;
    }

    private static UpdateCustomerRecordResult result(CustomerRecords.Changed c) {
        CustomerRecords.Stored s = c.record();
        UpdateCustomerRecordResult r = new UpdateCustomerRecordResult();
        r.success = true;
        r.changed = c.changed();
        r.message = c.changed() ? "customer record of account " + s.accountNumber() + " updated"
                : "customer record of account " + s.accountNumber() + " already held these values; nothing changed";
        r.accountNumber = s.accountNumber();
        r.customerName = s.customerName();
        r.phone = s.phone();
        r.address1 = s.address1();
        r.address2 = s.address2();
        r.city = s.city();
        r.state = s.state();
        r.zip = s.zip();
        return r;
    }
}
