package org.ratepayer.presentment;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.presentment.BillPdfService;

/** Streams a bill's PDF from the CIS to the payer (docs/presentment.md), never showing the CIS's address; shared by the payment pages. */
public final class BillPdfResponse {

    private BillPdfResponse() {
    }

    public static void send(BillPdfService pdfs, long bid, InvoiceQueries.Invoice invoice, HttpServletResponse response) throws IOException {
        if (invoice == null || !pdfs.available(bid, invoice)) {
            // e.g. an invoice whose format is not presented from the CIS: asking again will not help
            notFound(response, "This bill has no bill image.");
            return;
        }
        Optional<BillPdfService.Pdf> pdf = pdfs.fetch(bid, invoice);
        if (pdf.isEmpty()) {
            notFound(response, "The bill image is not available right now.");
            return;
        }
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "inline; filename=\"bill-" + invoice.invoiceNumber().replaceAll("[^A-Za-z0-9._-]", "_")
                + ".pdf\"");
        response.setHeader("Cache-Control", "private, no-store");
        try (InputStream in = pdf.get().body(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** Written here: the error page would drop the reason, and the payer should know whether trying again can help. */
    private static void notFound(HttpServletResponse response, String reason) throws IOException {
        response.setStatus(404);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "private, no-store");
        response.getWriter().write(reason);
    }
}
