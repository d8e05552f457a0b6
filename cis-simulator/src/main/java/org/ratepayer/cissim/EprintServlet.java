package org.ratepayer.cissim;

import java.io.IOException;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The eprint bill service: {@code GET /eprint/?PROCESSING_TYPE=HISTORY&ACCT=..&SUB=..[&BCTR=..][&LDMO=yyyyMM][&PRINT_FORM=TRUE]}
 * answers the account's bill as a PDF; 400 for a query it cannot serve, 404 for an unknown account.
 */
final class EprintServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter BILL_MONTH = DateTimeFormatter.ofPattern("uuuuMM");

    private final transient SimulatorState state;
    private final transient BillPdf pdf;

    EprintServlet(SimulatorState state, BillPdf pdf) {
        this.state = state;
        this.pdf = pdf;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (state.faults().down()) {
            Replies.serviceUnavailable(response);
            return;
        }
        String type = request.getParameter("PROCESSING_TYPE");
        if (!"HISTORY".equalsIgnoreCase(type == null ? "" : type.strip())) {
            Replies.send(response, 400, "text/plain; charset=utf-8",
                    "PROCESSING_TYPE must be HISTORY, was " + type);
            return;
        }
        String base = text(request, "ACCT");
        if (base == null) {
            Replies.send(response, 400, "text/plain; charset=utf-8", "ACCT is required");
            return;
        }
        String month = text(request, "LDMO");
        if (month != null && !isBillMonth(month)) {
            Replies.send(response, 400, "text/plain; charset=utf-8", "LDMO must be yyyyMM, was " + month);
            return;
        }
        String sub = text(request, "SUB");
        String accountNumber = sub == null ? base : base + "-" + sub;
        Optional<CisAccount> account = state.account(accountNumber);
        if (account.isEmpty()) {
            Replies.send(response, 404, "text/plain; charset=utf-8", "no bill for account " + accountNumber);
            return;
        }
        byte[] bill = pdf.render(account.get(), new BillPdf.Request(accountNumber, text(request, "BCTR"), month,
                "TRUE".equalsIgnoreCase(text(request, "PRINT_FORM")), request.getQueryString()));
        response.setStatus(200);
        response.setContentType("application/pdf");
        String fileName = "bill-" + accountNumber.replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
        response.setHeader("Content-Disposition", "inline; filename=\"" + fileName + "\"");
        response.setContentLength(bill.length);
        response.getOutputStream().write(bill);
    }

    private static boolean isBillMonth(String value) {
        try {
            YearMonth.parse(value, BILL_MONTH);
            return value.length() == 6;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
