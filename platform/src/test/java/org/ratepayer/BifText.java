package org.ratepayer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Small hand-made invoice files in the Daffron layout, for tests that need exact values. */
public final class BifText {

    public record Inv(String invoiceNumber, String account, String invoiceDate, String amount, String email) {
    }

    private final String billerGuid;
    private final List<Inv> invoices = new ArrayList<>();

    public BifText(String billerGuid) {
        this.billerGuid = billerGuid;
    }

    public BifText invoice(String invoiceNumber, String account, String invoiceDate, String amount, String email) {
        invoices.add(new Inv(invoiceNumber, account, invoiceDate, amount, email));
        return this;
    }

    public String text() {
        BigDecimal total = invoices.stream().filter(i -> i.amount().matches("-?\\d+(\\.\\d{1,2})?")).map(i -> new BigDecimal(i.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
        StringBuilder sb = new StringBuilder();
        sb.append("FH|").append(billerGuid).append("|11/01/2026 08:00:00|").append(invoices.size()).append('|')
                .append(total.toPlainString()).append('\n');
        for (Inv i : invoices) {
            String base = i.account().split("-")[0];
            String sub = i.account().contains("-") ? i.account().split("-")[1] : "0";
            sb.append("IH|R|BA1CEC36-997C-48E3-8406-437640EDFF84|").append(i.invoiceNumber()).append('|')
                    .append(i.invoiceDate()).append("|12/01/2026|").append(i.amount()).append('|')
                    .append(base).append('|').append(sub).append("|321045080002|12345|").append(base).append("-12345|0.00\n");
            sb.append("CR|").append(i.account()).append("|Pat Doe|1 Main St||Lowell|MI|49331|616-555-0100|")
                    .append(i.email() == null ? "" : i.email()).append("|N|").append(i.account()).append('\n');
            sb.append("ID|Energy charge|").append(i.amount()).append('\n');
        }
        return sb.toString();
    }
}
