package org.ratepayer.billing.web.soap;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;

@WebService(serviceName = "CloudInvoicing", portName = "CloudInvoicingSoap",
        targetNamespace = CloudInvoicingService.NAMESPACE,
        endpointInterface = "org.ratepayer.billing.web.soap.CloudInvoicingService")
public class CloudInvoicingEndpoint implements CloudInvoicingService {

    private final InvoiceUploads uploads;

    /** Injected by CXF when the endpoint is published: the HTTP exchange of the call being served. */
    @Resource
    private WebServiceContext context;

    public CloudInvoicingEndpoint(InvoiceUploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public UploadInvoiceFileResult uploadInvoiceFile(String billerGuid, String webServiceKey, String fileName,
            String fileContents) {
        MessageContext message = context.getMessageContext();
        HttpServletRequest request = (HttpServletRequest) message.get(MessageContext.SERVLET_REQUEST);
        try {
            return uploads.upload(request, billerGuid, webServiceKey, fileName, fileContents);
        } catch (InvoiceUploads.UploadSlowedDown e) {
            throw PlainFault.slowedDown(e, (HttpServletResponse) message.get(MessageContext.SERVLET_RESPONSE));
        } catch (InvoiceUploads.UploadDenied e) {
            throw new PlainFault(e.getMessage());
        }
    }
}
