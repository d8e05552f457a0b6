package org.ratepayer.payments.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.billing.InvoiceQueries;

/** The payment page's account search rule, as a table: which second facts find an account and which do not. */
class AccountMatchTest {

    private static final InvoiceQueries.Account ACCOUNT = new InvoiceQueries.Account("4101-1", "C1", "Ada Lovelace ",
            "1 Main St", null, "Holland", "MI", "49331-1234", "(616) 555-0100", "Ada@Example.com", "4101-1", false, false, false, false);

    private static final InvoiceQueries.Account BARE = new InvoiceQueries.Account("4102-1", "C2", null, null, null, null, null,
            null, null, null, "4102-1", false, false, false, false);

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // field         | given                | matches
            "ZIP             | 49331                | true",
            "ZIP             | ' 49331 '            | true",
            "ZIP             | 49331-9999           | true",   // only the first five digits count
            "ZIP             | 493311234            | true",
            "ZIP             | 4933                 | false",  // fewer than five digits never match
            "ZIP             | 49332                | false",
            "ZIP             | abcde                | false",
            "ZIP             | ''                   | false",
            "ZIP             | NULL                 | false",
            "ANYTHING_ELSE   | 49331                | true",   // an unknown setting searches by ZIP
            "PHONE           | 616-555-0100         | true",
            "PHONE           | 6165550100           | true",
            "PHONE           | '(616) 555 0100'     | true",
            "PHONE           | 5550100              | false",
            "PHONE           | phone                | false",  // no digits at all
            "EMAIL           | ada@example.com      | true",
            "EMAIL           | ' ADA@EXAMPLE.COM '  | true",
            "EMAIL           | ada@example.org      | false",
            "CUSTOMER_NAME   | ada lovelace         | true",   // the stored name's spaces around it do not count
            "CUSTOMER_NAME   | Ada                  | false",
            "CUSTOMER_NAME   | '   '                | false",
    })
    void matchesTheSecondFactOfTheBillersChoice(String field, String given, boolean matches) {
        assertThat(AccountMatch.matches(field, ACCOUNT, given)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} on an account without it")
    @CsvSource({"ZIP, 49331", "PHONE, 6165550100", "EMAIL, ada@example.com", "CUSTOMER_NAME, Ada Lovelace"})
    void anAccountWithoutTheFactIsNeverFound(String field, String given) {
        assertThat(AccountMatch.matches(field, BARE, given)).isFalse();
    }
}
