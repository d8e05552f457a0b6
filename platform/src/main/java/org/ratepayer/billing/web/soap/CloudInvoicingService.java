package org.ratepayer.billing.web.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/**
 * The invoice upload web service as integration partners call it (docs/daffron.md: "UploadInvoiceFile"),
 * SOAP 1.1 document/literal at {@code /portal/webservices/CloudInvoicing.asmx}.
 */
@WebService(name = "CloudInvoicingSoap", targetNamespace = CloudInvoicingService.NAMESPACE)
@SOAPBinding(style = SOAPBinding.Style.DOCUMENT, parameterStyle = SOAPBinding.ParameterStyle.WRAPPED)
public interface CloudInvoicingService {

    String NAMESPACE = "http://ratepayer.org/portal/webservices/CloudInvoicing/";

    @WebMethod(operationName = "UploadInvoiceFile", action = NAMESPACE + "UploadInvoiceFile")
    @WebResult(name = "UploadInvoiceFileResult", targetNamespace = NAMESPACE)
    UploadInvoiceFileResult uploadInvoiceFile(
            @WebParam(name = "BillerGUID", targetNamespace = NAMESPACE) String billerGuid,
            @WebParam(name = "WebServiceKey", targetNamespace = NAMESPACE) String webServiceKey,
            @WebParam(name = "FileName", targetNamespace = NAMESPACE) String fileName,
            @WebParam(name = "FileContents", targetNamespace = NAMESPACE) String fileContents);
}
