package org.ratepayer.billing.web.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The answer to UploadInvoiceFile, for the SOAP operation and the form POST alike. */
@XmlRootElement(name = "UploadInvoiceFileResult", namespace = CloudInvoicingService.NAMESPACE)
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "UploadInvoiceFileResult", namespace = CloudInvoicingService.NAMESPACE, propOrder = {
        "success", "status", "message", "fileId", "invoiceCount", "totalAmountDue", "errorCount", "errors", "warnings"})
public class UploadInvoiceFileResult {

    @XmlElement(name = "Success", namespace = CloudInvoicingService.NAMESPACE)
    public boolean success;
    @XmlElement(name = "Status", namespace = CloudInvoicingService.NAMESPACE)
    public String status;
    @XmlElement(name = "Message", namespace = CloudInvoicingService.NAMESPACE)
    public String message;
    @XmlElement(name = "FileId", namespace = CloudInvoicingService.NAMESPACE)
    public Long fileId;
    @XmlElement(name = "InvoiceCount", namespace = CloudInvoicingService.NAMESPACE)
    public long invoiceCount;
    @XmlElement(name = "TotalAmountDue", namespace = CloudInvoicingService.NAMESPACE)
    public BigDecimal totalAmountDue;
    @XmlElement(name = "ErrorCount", namespace = CloudInvoicingService.NAMESPACE)
    public long errorCount;
    @XmlElementWrapper(name = "Errors", namespace = CloudInvoicingService.NAMESPACE)
    @XmlElement(name = "Error", namespace = CloudInvoicingService.NAMESPACE)
    public List<String> errors = new ArrayList<>();
    /** What is off but did not stop the import, e.g. a file name off the naming convention (docs/invoice-files.md). */
    @XmlElementWrapper(name = "Warnings", namespace = CloudInvoicingService.NAMESPACE)
    @XmlElement(name = "Warning", namespace = CloudInvoicingService.NAMESPACE)
    public List<String> warnings = new ArrayList<>();
}
