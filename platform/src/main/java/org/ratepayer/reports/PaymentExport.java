package org.ratepayer.reports;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.reports.internal.ExportLayout;
import org.ratepayer.reports.internal.ReportQueries;
import org.ratepayer.shared.web.Refusal;
import org.springframework.stereotype.Service;

/** The fixed-width payment export file of docs/payment-export.md, for a biller's day or range of days. */
@Service
public class PaymentExport {

    private final ReportQueries queries;
    private final BillerService billers;
    private final Clock clock;

    public PaymentExport(ReportQueries queries, BillerService billers, Clock clock) {
        this.queries = queries;
        this.billers = billers;
        this.clock = clock;
    }

    /** Refused: a payment the layout cannot hold without cutting an account or invoice number. */
    public static final class NotExportable extends Refusal {
        private static final long serialVersionUID = 1L;

        NotExportable(String message) {
            super(Kind.CONFLICT, "not-exportable", "Not exportable", "value_too_long", null, message, null);
        }
    }

    /** The file name a download gives it. */
    public static String fileName(long bid, DateRange range) {
        return "payments-" + bid + "-" + range.from() + "-" + range.to() + ".txt";
    }

    /**
     * The export's text (US-ASCII, CR LF).
     *
     * @throws NotExportable for a payment with a value too long for its field
     */
    public String export(long bid, DateRange range) {
        Biller biller = billers.cachedBiller(bid);
        ZoneId zone = biller.timeZone();
        List<ExportLayout.Line> lines = queries.exportRows(bid, range.start(zone).toInstant(), range.end(zone).toInstant()).stream()
                .map(r -> new ExportLayout.Line(r.paymentId(), r.account(), r.invoice(), r.amount(), r.paidAt().atZone(zone), r.channel(),
                        r.method(), r.last4(), r.allocationGuid()))
                .toList();
        try {
            return ExportLayout.write(new ExportLayout.Header(bid, biller.name(), range.from(), range.to(), ZonedDateTime.now(clock)), lines,
                    zone);
        } catch (ExportLayout.TooLong e) {
            throw new NotExportable(e.getMessage());
        }
    }
}
