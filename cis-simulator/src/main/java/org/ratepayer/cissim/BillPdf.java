package org.ratepayer.cissim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Renders the one-page bill the eprint service answers: the account, its amounts and the query asked. */
final class BillPdf {

    private static final float MARGIN = 54;
    private static final float LEADING = 16;

    /** What the bill was asked for, as the eprint query gave it. */
    record Request(String accountNumber, String billControl, String billMonth, boolean printForm, String query) {
    }

    byte[] render(CisAccount account, Request request) {
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            document.getDocumentInformation().setTitle("Bill " + account.accountNumber());
            document.getDocumentInformation().setProducer("Ratepayer CIS simulator");
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setLeading(LEADING);
                text.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
                text.setFont(bold, 16);
                line(text, bold, "Daffron Toolbox - account bill (simulated)");
                text.setFont(plain, 11);
                for (String l : lines(account, request)) {
                    line(text, plain, l);
                }
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the bill of " + account.accountNumber(), e);
        }
    }

    private static List<String> lines(CisAccount account, Request request) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Account: " + account.accountNumber());
        if (account.customerName() != null) {
            lines.add("Customer: " + account.customerName());
        }
        lines.add("Bill control: " + orDash(request.billControl()));
        lines.add("Bill month: " + orDash(request.billMonth()));
        lines.add("Print form: " + (request.printForm() ? "yes" : "no"));
        lines.add("");
        for (PayableCharge item : account.payableItems()) {
            lines.add(String.format("%s%s   current %s   past due %s%s", orDash(item.description()),
                    item.chargeCode() == null ? "" : " (" + item.chargeCode() + ")",
                    money(item.currentAmount()), money(item.pastDueAmount()),
                    item.dueDate() == null ? "" : "   due " + item.dueDate()));
        }
        lines.add("");
        lines.add("Total current: " + money(account.totalCurrent()));
        lines.add("Total past due: " + money(account.totalPastDue()));
        if (account.prepaid()) {
            lines.add("Prepaid remaining balance: " + money(account.remainingBalance())
                    + (account.remainingDays() == null ? "" : "   remaining days: "
                    + account.remainingDays().toPlainString()));
        }
        lines.add("");
        lines.add("Requested: " + request.query());
        return lines;
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "-" : amount.toPlainString();
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private static void line(PDPageContentStream text, PDType1Font font, String line) throws IOException {
        text.showText(encodable(font, line));
        text.newLine();
    }

    /** Standard fonts only cover Latin-1; anything else is shown as '?' rather than failing the bill. */
    private static String encodable(PDType1Font font, String text) {
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                result.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                result.append('?');
            }
        });
        return result.toString();
    }
}
