package org.ratepayer.billing.web.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/**
 * The CIS's customer-record web service (docs/api.md, "UpdateCustomerRecord"): SOAP 1.1 document/literal at
 * {@code /portal/webservices/CloudManagement.asmx}, authenticated inside the message as UploadInvoiceFile is.
 */
@WebService(name = "CloudManagementSoap", targetNamespace = CloudManagementService.NAMESPACE)
@SOAPBinding(style = SOAPBinding.Style.DOCUMENT, parameterStyle = SOAPBinding.ParameterStyle.WRAPPED)
public interface CloudManagementService {

    String NAMESPACE = "http://ratepayer.org/portal/webservices/CloudManagement/";

    /** Sets the values sent on the account's customer record; an element left out or empty leaves its value as it is. */
    @WebMethod(operationName = "UpdateCustomerRecord", action = NAMESPACE + "UpdateCustomerRecord")
    @WebResult(name = "UpdateCustomerRecordResult", targetNamespace = NAMESPACE)
    UpdateCustomerRecordResult updateCustomerRecord(
            @WebParam(name = "BillerGUID", targetNamespace = NAMESPACE) String billerGuid,
            @WebParam(name = "WebServiceKey", targetNamespace = NAMESPACE) String webServiceKey,
            @WebParam(name = "AccountNumber", targetNamespace = NAMESPACE) String accountNumber,
            @WebParam(name = "CustomerName", targetNamespace = NAMESPACE) String customerName,
            @WebParam(name = "Phone", targetNamespace = NAMESPACE) String phone,
            @WebParam(name = "Address1", targetNamespace = NAMESPACE) String address1,
            @WebParam(name = "Address2", targetNamespace = NAMESPACE) String address2,
            @WebParam(name = "City", targetNamespace = NAMESPACE) String city,
            @WebParam(name = "State", targetNamespace = NAMESPACE) String state,
            @WebParam(name = "Zip", targetNamespace = NAMESPACE) String zip);
}
