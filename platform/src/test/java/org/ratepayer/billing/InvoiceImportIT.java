package org.ratepayer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.bif.BifGenerator;
import org.ratepayer.bif.FileSpec;
import org.springframework.beans.factory.annotation.Autowired;

class InvoiceImportIT extends PlatformIT {

    @Autowired
    InvoiceImportService imports;

    @Test
    void uploadImportsAFileAndListsAnAccountsInvoices() {
        TestBiller b = newBiller();
        String file = new BifText(b.guidText())
                .invoice("100000000001", "1001-1", "10/01/2026", "120.50", "pat@example.com")
                .invoice("100000000002", "1002-1", "10/01/2026", "0.07", null)
                .text();
        Reply r = upload(b, b.webServiceKey(), b.bid() + "_10012026.bif", file);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("IMPORTED");
        assertThat(r.json().get("invoices").asLong()).isEqualTo(2);
        assertThat(r.json().get("accountsCreated").asLong()).isEqualTo(2);
        assertThat(r.json().get("totalAmountDue").decimalValue()).isEqualByComparingTo("120.57");

        Reply inv = getJson("/api/v1/billers/" + b.bid() + "/invoices?account=1001-1", b.apiKey());
        assertThat(inv.status()).isEqualTo(200);
        assertThat(inv.json().at("/account/customerName").asText()).isEqualTo("Pat Doe");
        assertThat(inv.json().at("/account/email").asText()).isEqualTo("pat@example.com");
        assertThat(inv.json().at("/invoices/0/invoiceNumber").asText()).isEqualTo("100000000001");
        assertThat(inv.json().at("/invoices/0/status").asText()).isEqualTo("OPEN");
        assertThat(inv.json().at("/invoices/0/totalAmountDue").decimalValue()).isEqualByComparingTo("120.50");
        assertThat(inv.json().at("/invoices/0/invoiceTypeId").asInt()).isEqualTo(42);
        assertThat(inv.json().at("/invoices/0/custom4").asText()).isEqualTo("321045080002");
        assertThat(inv.json().at("/invoices/0/lines/0/description").asText()).isEqualTo("Energy charge");
        assertThat(count("select count(*) from invoice_file where biller_id = ? and outcome = 'IMPORTED'", b.bid())).isEqualTo(1);
    }

    @Test
    void bareDetailRowsOfTheSeedImportWithoutLinesUnderTheDaffronSpec() {
        TestBiller b = newBiller();
        String file = new BifText(b.guidText())
                .invoice("110000000001", "1101-1", "10/01/2026", "40.00", null)
                .invoice("110000000002", "1102-1", "10/01/2026", "2.50", null)
                .text()
                // The seed's form: RowType alone on the first invoice, with a line on the second.
                .replaceFirst("ID\\|Energy charge\\|40.00\n", "ID\nID\n")
                .replace("ID|Energy charge|2.50\n", "ID\nID|Energy charge|2.50\n");
        assertThat(file).contains("\nID\nID\n").contains("\nID\nID|Energy charge|2.50\n");
        Reply r = upload(b, b.webServiceKey(), b.bid() + "_10012026.bif", file);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("invoices").asLong()).isEqualTo(2);
        assertThat(count("select count(*) from invoice_line where biller_id = ? and invoice_number = '110000000001'",
                b.bid())).isZero();
        assertThat(jdbc.sql("select line_no || ' ' || description || ' ' || amount from invoice_line"
                        + " where biller_id = ? and invoice_number = '110000000002'")
                .param(b.bid()).query(String.class).list()).containsExactly("1 Energy charge 2.50");
    }

    @Test
    void aFileNameOffTheConventionImportsWithAWarningKeptOnItsRecord() {
        TestBiller b = newBiller();
        String october = new BifText(b.guidText()).invoice("120000000001", "1201-1", "10/01/2026", "7.00", null).text();
        Reply conventional = upload(b, b.webServiceKey(), b.bid() + "_10012026.bif", october);
        assertThat(conventional.status()).isEqualTo(201);
        assertThat(conventional.json().get("warnings")).isEmpty();

        String november = new BifText(b.guidText()).invoice("120000000002", "1201-1", "11/01/2026", "8.00", null).text();
        String otherBiller = (b.bid() + 1) + "_11012026.bif";
        Reply named = upload(b, b.webServiceKey(), otherBiller, november);
        assertThat(named.status()).isEqualTo(201);
        String warning = "file name \"" + otherBiller + "\" names biller " + (b.bid() + 1) + ", not " + b.bid();
        assertThat(named.json().get("warnings")).extracting(w -> w.asText()).containsExactly(warning);

        Reply bad = upload(b, b.webServiceKey(), "december.bif", november.replace("8.00", "8.0x"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("warnings")).extracting(w -> w.asText()).containsExactly(
                "file name \"december.bif\" does not follow the convention BID_MMDDYYYY.bif (e.g. " + b.bid()
                        + "_12012026.bif)");

        Reply list = getJson("/api/v1/billers/" + b.bid() + "/invoice-files", b.webServiceKey());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("fileName")).containsExactly("december.bif", otherBiller,
                b.bid() + "_10012026.bif");
        assertThat(list.json().get(0).get("warnings")).hasSize(1);
        assertThat(list.json().get(1).get("warnings")).extracting(w -> w.asText()).containsExactly(warning);
        assertThat(list.json().get(2).get("warnings")).isEmpty();
        assertThat(count("select count(*) from invoice_file where biller_id = ? and name_warning is null", b.bid()))
                .isEqualTo(1);
    }

    @Test
    void aBadFileIsRejectedWithEveryErrorAndStoresNothing() {
        TestBiller b = newBiller();
        String file = new BifText(b.guidText())
                .invoice("200000000001", "2001-1", "10/01/2026", "10.00", null)
                .invoice("200000000001", "2002-1", "13/01/2026", "12.5x", "not-an-email")
                .text();
        Reply r = upload(b, b.webServiceKey(), "bad.bif", file);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asText()).endsWith("/invalid-invoice-file");
        assertThat(r.json().get("errorCount").asLong()).isGreaterThanOrEqualTo(4);
        var messages = new java.util.ArrayList<String>();
        r.json().get("errors").forEach(e -> messages.add(e.get("line").asLong() + " " + e.get("field").asText() + " "
                + e.get("fileSpecId").asInt() + " " + e.get("message").asText()));
        assertThat(messages).anyMatch(m -> m.startsWith("5 InvoiceNumber 10 "));
        assertThat(messages).anyMatch(m -> m.startsWith("5 InvoiceDate 11 "));
        assertThat(messages).anyMatch(m -> m.startsWith("5 TotalAmountDue 13 "));
        assertThat(messages).anyMatch(m -> m.startsWith("6 EmailAddress 67 "));
        assertThat(count("select count(*) from invoice where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from account where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from invoice_file where biller_id = ? and outcome = 'REJECTED' and error_count >= 4",
                b.bid())).isEqualTo(1);
    }

    @Test
    void aFileForAnotherBillerGuidIsRejected() {
        TestBiller b = newBiller();
        TestBiller other = newBiller();
        Reply r = upload(b, b.webServiceKey(), "x.bif",
                new BifText(other.guidText()).invoice("300000000001", "3001-1", "10/01/2026", "1.00", null).text());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("BillerGuid");
        assertThat(r.json().at("/errors/0/fileSpecId").asInt()).isEqualTo(2);
    }

    @Test
    void theSameFileTwiceIsANoOp() {
        TestBiller b = newBiller();
        String file = new BifText(b.guidText()).invoice("400000000001", "4001-1", "10/01/2026", "55.00", null).text();
        assertThat(upload(b, b.webServiceKey(), "a.bif", file).status()).isEqualTo(201);
        jdbc.sql("update invoice set status = 'PAID' where biller_id = ?").param(b.bid()).update();
        Reply again = upload(b, b.webServiceKey(), "a-again.bif", file);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("ALREADY_IMPORTED");
        assertThat(count("select count(*) from invoice where biller_id = ? and status = 'PAID'", b.bid())).isEqualTo(1);
        assertThat(count("select count(*) from invoice_file where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void balanceForwardSupersedesOlderInvoicesAndAReplacementUpdatesInPlace() {
        TestBiller b = newBiller();
        upload(b, b.webServiceKey(), "oct.bif", new BifText(b.guidText())
                .invoice("500000000010", "5001-1", "10/01/2026", "80.00", null)
                .invoice("500000000020", "5002-1", "10/01/2026", "90.00", null).text());
        Reply nov = upload(b, b.webServiceKey(), "nov.bif", new BifText(b.guidText())
                .invoice("500000000011", "5001-1", "11/01/2026", "85.00", null)
                .invoice("500000000020", "5002-1", "10/01/2026", "95.00", null)
                .invoice("500000000009", "5001-1", "09/01/2026", "70.00", null).text());
        assertThat(nov.status()).isEqualTo(201);
        assertThat(nov.json().get("invoicesReplaced").asLong()).isEqualTo(1);
        assertThat(nov.json().get("superseded").asLong()).isEqualTo(2);

        Reply inv = getJson("/api/v1/billers/" + b.bid() + "/invoices?account=5001-1", b.webServiceKey());
        assertThat(inv.json().get("invoices")).hasSize(3);
        assertThat(inv.json().at("/invoices/0/invoiceNumber").asText()).isEqualTo("500000000011");
        assertThat(inv.json().at("/invoices/0/status").asText()).isEqualTo("OPEN");
        assertThat(inv.json().at("/invoices/1/status").asText()).isEqualTo("SUPERSEDED");
        assertThat(inv.json().at("/invoices/2/invoiceNumber").asText()).isEqualTo("500000000009");
        assertThat(inv.json().at("/invoices/2/status").asText()).isEqualTo("SUPERSEDED");

        Reply replaced = getJson("/api/v1/billers/" + b.bid() + "/invoices?account=5002-1", b.apiKey());
        assertThat(replaced.json().get("invoices")).hasSize(1);
        assertThat(replaced.json().at("/invoices/0/totalAmountDue").decimalValue()).isEqualByComparingTo("95.00");
        assertThat(replaced.json().at("/invoices/0/lines")).hasSize(1);
        assertThat(replaced.json().at("/invoices/0/status").asText()).isEqualTo("OPEN");
    }

    @Test
    void option108KeepsAnExistingEmailButStillFillsAMissingOne() {
        TestBiller b = newBiller();
        upload(b, b.webServiceKey(), "1.bif", new BifText(b.guidText())
                .invoice("600000000001", "6001-1", "10/01/2026", "1.00", "first@example.com")
                .invoice("600000000002", "6002-1", "10/01/2026", "1.00", null).text());
        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/options/108", "{\"value\": true}").status()).isEqualTo(200);
        upload(b, b.webServiceKey(), "2.bif", new BifText(b.guidText())
                .invoice("600000000003", "6001-1", "11/01/2026", "1.00", "changed@example.com")
                .invoice("600000000004", "6002-1", "11/01/2026", "1.00", "new@example.com").text());
        assertThat(email(b, "6001-1")).isEqualTo("first@example.com");
        assertThat(email(b, "6002-1")).isEqualTo("new@example.com");

        operatorPut("/api/v1/billers/" + b.bid() + "/options/108", "{\"value\": false}");
        upload(b, b.webServiceKey(), "3.bif", new BifText(b.guidText())
                .invoice("600000000005", "6001-1", "12/01/2026", "1.00", "changed@example.com").text());
        assertThat(email(b, "6001-1")).isEqualTo("changed@example.com");
    }

    private String email(TestBiller b, String account) {
        return jdbc.sql("select email from account where biller_id = ? and account_number = ?").params(b.bid(), account)
                .query(String.class).single();
    }

    @Test
    void aFailureHalfWayThroughTheMergeStoresNothing() throws Exception {
        TestBiller b = newBiller();
        Path file = Files.createTempFile("half", ".bif");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new BifGenerator(7).write(out, FileSpec.daffronDefault(), b.guidText(), 2_000, LocalDate.of(2026, 10, 1));
        }
        // The database refuses the 1,000th detail line, after accounts and invoices were already
        // written in the import's transaction.
        jdbc.sql("create sequence if not exists fail_line_counter").update();
        jdbc.sql("select setval('fail_line_counter', 1, false)").query(Long.class).single();
        jdbc.sql("""
                create or replace function fail_line_insert() returns trigger language plpgsql as $$
                begin
                  if new.biller_id = %d and nextval('fail_line_counter') = 1000 then
                    raise exception 'injected failure at invoice %%', new.invoice_number;
                  end if;
                  return new;
                end $$""".formatted(b.bid())).update();
        jdbc.sql("create trigger fail_line_insert before insert on invoice_line for each row execute function fail_line_insert()").update();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            imports.importFile(b.bid(), file, "half.bif", ImportSource.CLI, "test"))
                    .isInstanceOf(InvoiceImportService.ImportFailedException.class)
                    .hasMessageContaining("injected failure").hasMessageContaining("stored nothing");
        } finally {
            jdbc.sql("drop trigger fail_line_insert on invoice_line").update();
        }
        assertThat(count("select count(*) from invoice where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from account where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from invoice_line where biller_id = ?", b.bid())).isZero();
        assertThat(count("select count(*) from invoice_file where biller_id = ? and outcome = 'FAILED'", b.bid())).isEqualTo(1);

        ImportOutcome retry = imports.importFile(b.bid(), file, "half.bif", ImportSource.CLI, "test");
        assertThat(retry.status()).isEqualTo(ImportOutcome.Status.IMPORTED);
        assertThat(count("select count(*) from invoice where biller_id = ?", b.bid())).isEqualTo(2_000);
        Files.delete(file);
    }
}
