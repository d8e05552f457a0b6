package org.ratepayer.api.soap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP POST (form) variant of UploadInvoiceFile that .asmx services also answer, replying in XML. */
@RestController
public class CloudInvoicingFormController {

    private final InvoiceUploads uploads;

    public CloudInvoicingFormController(InvoiceUploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping(path = SoapConfiguration.PATH + "/UploadInvoiceFile",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE},
            produces = MediaType.TEXT_XML_VALUE)
    public ResponseEntity<UploadInvoiceFileResult> upload(HttpServletRequest request,
            @RequestParam(name = "BillerGUID", required = false) String billerGuid,
            @RequestParam(name = "WebServiceKey", required = false) String key,
            @RequestParam(name = "FileName", required = false) String fileName,
            @RequestParam(name = "FileContents", required = false) String contents) {
        try {
            return ResponseEntity.ok(uploads.upload(request.getRemoteAddr(), billerGuid, key, fileName, contents));
        } catch (InvoiceUploads.UploadSlowedDown e) {
            UploadInvoiceFileResult r = new UploadInvoiceFileResult();
            r.success = false;
            r.status = "TOO_MANY_ATTEMPTS";
            r.message = e.getMessage();
            return ResponseEntity.status(429).header("Retry-After", Long.toString(e.retryAfterSeconds())).body(r);
        } catch (InvoiceUploads.UploadDenied e) {
            UploadInvoiceFileResult r = new UploadInvoiceFileResult();
            r.success = false;
            r.status = "DENIED";
            r.message = e.getMessage();
            return ResponseEntity.status(401).body(r);
        }
    }
}
