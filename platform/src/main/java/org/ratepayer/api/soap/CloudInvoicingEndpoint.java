package org.ratepayer.api.soap;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;

@WebService(serviceName = "CloudInvoicing", portName = "CloudInvoicingSoap",
        targetNamespace = CloudInvoicingService.NAMESPACE,
        endpointInterface = "org.ratepayer.api.soap.CloudInvoicingService")
public class CloudInvoicingEndpoint implements CloudInvoicingService {

    private static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");

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
            return uploads.upload(request.getRemoteAddr(), billerGuid, webServiceKey, fileName, fileContents);
        } catch (InvoiceUploads.UploadSlowedDown e) {
            // Still a Client fault in the body, as SOAP toolkits expect, but with the status and header HTTP gives a wait.
            ((HttpServletResponse) message.get(MessageContext.SERVLET_RESPONSE))
                    .setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            SoapFault fault = new SoapFault(e.getMessage(), CLIENT);
            fault.setStatusCode(429);
            throw fault;
        } catch (InvoiceUploads.UploadDenied e) {
            throw new SoapFault(e.getMessage(), CLIENT);
        }
    }
}
