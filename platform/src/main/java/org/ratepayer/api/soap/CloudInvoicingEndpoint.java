package org.ratepayer.api.soap;

import jakarta.jws.WebService;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;

@WebService(serviceName = "CloudInvoicing", portName = "CloudInvoicingSoap",
        targetNamespace = CloudInvoicingService.NAMESPACE,
        endpointInterface = "org.ratepayer.api.soap.CloudInvoicingService")
public class CloudInvoicingEndpoint implements CloudInvoicingService {

    private static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");

    private final InvoiceUploads uploads;

    public CloudInvoicingEndpoint(InvoiceUploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public UploadInvoiceFileResult uploadInvoiceFile(String billerGuid, String webServiceKey, String fileName,
            String fileContents) {
        try {
            return uploads.upload(billerGuid, webServiceKey, fileName, fileContents);
        } catch (InvoiceUploads.UploadDenied e) {
            throw new SoapFault(e.getMessage(), CLIENT);
        }
    }
}
