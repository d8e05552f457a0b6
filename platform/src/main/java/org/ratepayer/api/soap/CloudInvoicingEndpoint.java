package org.ratepayer.api.soap;

import jakarta.jws.WebService;

@WebService(serviceName = "CloudInvoicing", portName = "CloudInvoicingSoap",
        targetNamespace = CloudInvoicingService.NAMESPACE,
        endpointInterface = "org.ratepayer.api.soap.CloudInvoicingService")
public class CloudInvoicingEndpoint implements CloudInvoicingService {

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
            throw new PlainFault(e.getMessage());
        }
    }
}
