package org.ratepayer.paynow;

import org.ratepayer.paynow.internal.PayNowRequest;
import org.ratepayer.paynow.internal.PayNowRequestException;
import org.ratepayer.paynow.internal.PayNowRequestParser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayNowRequestParserTest {

    private final PayNowRequestParser parser = new PayNowRequestParser();

    static byte[] seed() throws IOException {
        try (InputStream in = PayNowRequestParserTest.class.getResourceAsStream("/paynow/seed-004.json")) {
            return in.readAllBytes();
        }
    }

    /** The default maximum payment of a biller (setting 1005 unset). */
    private static final BigDecimal MAXIMUM = new BigDecimal("99999.99");

    private PayNowRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), MAXIMUM);
    }

    private static String oneInvoice(String invoiceFields) {
        return """
                {"Customers":[{"AccountNumber":"A-1","Invoices":[{"InvoiceNumber":"I-1",%s}]}]}
                """.formatted(invoiceFields);
    }

    @Test
    void theSeedRequestReadsWithEveryField() throws IOException {
        PayNowRequest r = parser.parse(seed(), MAXIMUM);
        assertThat(r.createCustomerRecord()).isTrue();
        PayNowRequest.Customer c = r.customers().get(0);
        assertThat(c.accountNumber()).isEqualTo("ACCT-TEST-001");
        assertThat(c.name()).isEqualTo("John S");
        assertThat(c.address()).isEqualTo("123 Main Street");
        assertThat(c.city()).isEqualTo("Tampa");
        assertThat(c.state()).isEqualTo("FL");
        assertThat(c.zip()).isEqualTo("12345");
        assertThat(c.emailAddress()).isEqualTo("none@none.com");
        PayNowRequest.Invoice i = c.invoices().get(0);
        assertThat(i.invoiceNumber()).isEqualTo("INV-TEST-001");
        assertThat(i.typeId()).isEqualTo(6);
        assertThat(i.dueDate()).isEqualTo(LocalDate.of(2099, 8, 20));
        assertThat(i.invoiceDate()).isEqualTo(LocalDate.of(2024, 4, 27));
        assertThat(i.balanceDue()).isEqualByComparingTo("10.00").hasScaleOf(2);
        assertThat(i.ccServiceFee()).isEqualByComparingTo("1.00");
        assertThat(i.achServiceFee()).as("AchServiceFee, spelt as in the seed").isEqualByComparingTo("1.00");
        assertThat(r.allowSwipe()).isFalse();
        assertThat(r.allowCcPayment()).isTrue();
        assertThat(r.allowAchPayment()).isTrue();
        assertThat(r.allowEmv()).isFalse();
        assertThat(r.returnUrl()).as("an empty ReturnURL is none").isNull();
        assertThat(r.postBackUrl()).as("the trailing space is trimmed").hasToString("https://www.yourdomain.com/postback.aspx");
        assertThat(r.billerReference()).isEqualTo("A unique reference number generated from Biller");
        assertThat(r.viewMode()).isZero();
        assertThat(r.pageLoadOverride()).isEqualTo(1);
        assertThat(r.pageResultOptions()).isEqualTo(new PayNowRequest.PageResultOptions(false, false, true, false, false));
    }

    @Test
    void theSeedAsPrintedWithCapitalisedFalseIsRefusedWithLineAndColumn() throws IOException {
        String printed = new String(seed(), StandardCharsets.UTF_8).replace("\"AllowRegisterAccount\": false", "\"AllowRegisterAccount\": False");
        assertThatThrownBy(() -> parse(printed)).isInstanceOf(PayNowRequestException.class)
                .hasMessageContaining("invalid JSON at line 35, column 45").hasMessageContaining("False");
    }

    @Test
    void amountsAsStringsNullFeesBothDateFormsAndAnyPropertyCase() {
        PayNowRequest.Invoice i = parse(oneInvoice("""
                "balancedue":"12.50","CCSERVICEFEE":null,"ACHServiceFee":"","DueDate":"2099-08-20","invoicedate":"4/7/2024",
                "MinimumAmountDue":"$1,000.00","AllowPartialPayments":"true","typeid":"6"
                """.replace("\"$1,000.00\"", "\"5\""))).customers().get(0).invoices().get(0);
        assertThat(i.balanceDue()).isEqualByComparingTo("12.50");
        assertThat(i.ccServiceFee()).isNull();
        assertThat(i.achServiceFee()).isNull();
        assertThat(i.dueDate()).isEqualTo(LocalDate.of(2099, 8, 20));
        assertThat(i.invoiceDate()).isEqualTo(LocalDate.of(2024, 4, 7));
        assertThat(i.minimumAmountDue()).isEqualByComparingTo("5.00");
        assertThat(i.allowPartialPayments()).isTrue();
        assertThat(i.typeId()).isEqualTo(6);
    }

    @Test
    void numbersAreReadExactlyNotThroughDouble() {
        assertThat(parse(oneInvoice("\"BalanceDue\": 0.1")).customers().get(0).invoices().get(0).balanceDue()).hasToString("0.10");
        assertThat(parse(oneInvoice("\"BalanceDue\": \"1,234.56\"")).customers().get(0).invoices().get(0).balanceDue())
                .hasToString("1234.56");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "credit beyond the maximum payment|\"BalanceDue\": -100000|Customers[0].Invoices[0].BalanceDue|is a credit of more than the biller's maximum payment of 99999.99",
            "negative minimum|\"MinimumAmountDue\": -1|Customers[0].Invoices[0].MinimumAmountDue|must not be negative",
            "minimum on a credit|\"BalanceDue\": -25, \"MinimumAmountDue\": 5|Customers[0].Invoices[0].MinimumAmountDue|more than the BalanceDue -25.00",
            "negative fee on a credit|\"BalanceDue\": -25, \"CCServiceFee\": -1|Customers[0].Invoices[0].CCServiceFee|must not be negative",
            "above the maximum payment|\"BalanceDue\": 100000|Customers[0].Invoices[0].BalanceDue|is more than the biller's maximum payment of 99999.99",
            "minimum above the maximum|\"MinimumAmountDue\": 100000|Customers[0].Invoices[0].MinimumAmountDue|is more than the biller's maximum payment of 99999.99",
            "huge exponent|\"BalanceDue\": 1e999999999|Customers[0].Invoices[0].BalanceDue|is more than the biller's maximum payment of 99999.99",
            "huge negative exponent|\"BalanceDue\": -1e999999999|Customers[0].Invoices[0].BalanceDue|is a credit of more than the biller's maximum payment of 99999.99",
            "tiny negative exponent|\"BalanceDue\": -1e-999999999|Customers[0].Invoices[0].BalanceDue|has more than two decimals",
            "tiny exponent|\"BalanceDue\": 1e-999999999|Customers[0].Invoices[0].BalanceDue|has more than two decimals",
            "absurd fee|\"CCServiceFee\": \"10000\"|Customers[0].Invoices[0].CCServiceFee|more than the limit of 9999.99",
            "fee of half a cent|\"CCServiceFee\": 0.005|Customers[0].Invoices[0].CCServiceFee|has more than two decimals",
            "negative fee|\"ACHServiceFee\": -1|Customers[0].Invoices[0].ACHServiceFee|must not be negative",
            "three decimals|\"BalanceDue\": 1.005|Customers[0].Invoices[0].BalanceDue|more than two decimals",
            "not a number|\"BalanceDue\": \"ten\"|Customers[0].Invoices[0].BalanceDue|expected an amount",
            "amount as object|\"BalanceDue\": {}|Customers[0].Invoices[0].BalanceDue|expected an amount",
            "bad date|\"DueDate\": \"2099-02-30\"|Customers[0].Invoices[0].DueDate|is not a date",
            "US date out of range|\"DueDate\": \"13/01/2099\"|Customers[0].Invoices[0].DueDate|is not a date",
            "misspelt property|\"BalanceDeu\": 5|Customers[0].Invoices[0].BalanceDeu|unknown property",
            "same property twice in two cases|\"AchServiceFee\": 1, \"ACHServiceFee\": 2|Customers[0].Invoices[0].ACHServiceFee|given twice",
            "minimum above balance|\"BalanceDue\": 5, \"MinimumAmountDue\": 6|Customers[0].Invoices[0].MinimumAmountDue|more than the BalanceDue",
            "boolean as word|\"AllowPartialPayments\": \"yes\"|Customers[0].Invoices[0].AllowPartialPayments|expected true or false"})
    void badInvoiceValuesNameTheFieldAndTheProblem(String what, String fields, String field, String problem) {
        assertThatThrownBy(() -> parse(oneInvoice(fields))).isInstanceOfSatisfying(PayNowRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(problem);
        });
    }

    /** A negative BalanceDue is a credit the utility holds (a prepaid account), not a mistake: the page shows it as such. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"BalanceDue\": -25                              | -25.00",
            "\"BalanceDue\": \"-25.5\"                          | -25.50",
            "\"BalanceDue\": \"-$1,234.56\"                     | -1234.56",
            "\"BalanceDue\": -99999.99                        | -99999.99",
            "\"BalanceDue\": -0.01                            | -0.01",
            "\"BalanceDue\": -25, \"MinimumAmountDue\": 0      | -25.00",
            "\"BalanceDue\": -25, \"CCServiceFee\": 1.25       | -25.00"})
    void aNegativeBalanceDueIsACredit(String fields, String balance) {
        assertThat(parse(oneInvoice(fields)).customers().get(0).invoices().get(0).balanceDue()).hasToString(balance);
    }

    @Test
    void aBillerWithAHigherMaximumPaymentTakesLargerBills() {
        PayNowRequest r = parser.parse(oneInvoice("\"BalanceDue\": 100000").getBytes(StandardCharsets.UTF_8),
                new BigDecimal("150000.00"));
        assertThat(r.customers().get(0).invoices().get(0).balanceDue()).isEqualByComparingTo("100000.00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no customers|{\"Customers\": []}|Customers|at least one customer",
            "customers missing|{\"ViewMode\": 0}|Customers|at least one customer",
            "missing AccountNumber|{\"Customers\":[{\"Name\":\"x\"}]}|Customers[0].AccountNumber|required",
            "blank AccountNumber|{\"Customers\":[{\"AccountNumber\":\"  \"}]}|Customers[0].AccountNumber|required",
            "missing InvoiceNumber|{\"Customers\":[{\"AccountNumber\":\"A\",\"Invoices\":[{\"BalanceDue\":1}]}]}|Customers[0].Invoices[0].InvoiceNumber|required",
            "account twice|{\"Customers\":[{\"AccountNumber\":\"A\"},{\"accountnumber\":\"A\"}]}|Customers[1].accountnumber|appears twice",
            "ViewMode 2|{\"Customers\":[{\"AccountNumber\":\"A\"}],\"ViewMode\":2}|ViewMode|out of range 0..1",
            "relative PostBackURL|{\"Customers\":[{\"AccountNumber\":\"A\"}],\"PostBackURL\":\"/postback\"}|PostBackURL|not an absolute http(s) URL",
            "ftp ReturnURL|{\"Customers\":[{\"AccountNumber\":\"A\"}],\"ReturnURL\":\"ftp://x.org/\"}|ReturnURL|not an absolute http(s) URL",
            "credentials in URL|{\"Customers\":[{\"AccountNumber\":\"A\"}],\"CssUrl\":\"https://u:p@x.org/a.css\"}|CssUrl|user name or password",
            "customers not an array|{\"Customers\":{}}|Customers|expected an array",
            "bad email|{\"Customers\":[{\"AccountNumber\":\"A\",\"EmailAddress\":\"nobody\"}]}|Customers[0].EmailAddress|not an email address",
            "unknown option|{\"Customers\":[{\"AccountNumber\":\"A\"}],\"PageResultOptions\":{\"InvoiceOptions\":{\"AllowPay\":true}}}|PageResultOptions.InvoiceOptions.AllowPay|unknown property"})
    void badRequestsNameTheFieldAndTheProblem(String what, String json, String field, String problem) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(PayNowRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(problem);
        });
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\n  \"Customers\": [\n    {\"AccountNumber\": \"A\",}\n  ]\n}"))
                .isInstanceOfSatisfying(PayNowRequestException.class, e -> {
                    assertThat(e.field()).isNull();
                    assertThat(e.getMessage()).startsWith("invalid JSON at line 3, column");
                });
        assertThatThrownBy(() -> parse("")).hasMessageContaining("a JSON request body is required");
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parse("{\"Customers\":[{\"AccountNumber\":\"A\"}]} {}")).hasMessageContaining("invalid JSON");
    }

    @Test
    void defaultsWhenOptionalPartsAreAbsent() {
        PayNowRequest r = parse("{\"Customers\":[{\"AccountNumber\":\"A\"}]}");
        assertThat(r.createCustomerRecord()).isFalse();
        assertThat(r.allowCcPayment()).isTrue();
        assertThat(r.allowAchPayment()).isTrue();
        assertThat(r.pageResultOptions().allowRemove()).as("removing invoices is allowed unless turned off").isTrue();
        assertThat(r.customers().get(0).invoices()).isEmpty();
        assertThat(r.viewMode()).isZero();
    }
}
