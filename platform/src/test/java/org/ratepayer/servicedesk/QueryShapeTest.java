package org.ratepayer.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.servicedesk.search.QueryShape;
import org.ratepayer.servicedesk.search.QueryShape.Kind;

/** How the one search box reads what a CSR types (docs/staff-search.md, "Reading the box"). */
class QueryShapeTest {

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # typed                                  | term                                 | kinds, most likely first
            ``                                       | ``                                   | ``
            `   `                                    | ``                                   | ``
            3F2504E0-4F89-11D3-9A0C-0305E82C3301     | 3f2504e0-4f89-11d3-9a0c-0305e82c3301 | PAYMENT_GUID
            ` Ann.Lee@Example.org `                  | ann.lee@example.org                  | EMAIL
            @example                                 | @example                             | EMAIL
            *4242                                    | 4242                                 | LAST4
            ****4242                                 | 4242                                 | LAST4
            x4242                                    | 4242                                 | LAST4
            ...6789                                  | 6789                                 | LAST4
            ending in 4242                           | 4242                                 | LAST4
            last 4 4242                              | 4242                                 | LAST4
            4242                                     | 4242                                 | LAST4,ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            1001                                     | 1001                                 | LAST4,ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            100200                                   | 100200                               | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            5551234567                               | 5551234567                           | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION,PHONE
            15551234567                              | 15551234567                          | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION,PHONE
            25551234567                              | 25551234567                          | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            (555) 123-4567                           | 5551234567                           | PHONE
            555-123-4567                             | 5551234567                           | PHONE
            555.123.4567                             | 5551234567                           | PHONE
            +1 555 123 4567                          | 15551234567                          | PHONE
            555-1234                                 | 555-1234                             | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            A-1001                                   | A-1001                               | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            INV7                                     | INV7                                 | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            ABC123                                   | ABC123                               | ACCOUNT_NUMBER,INVOICE_NUMBER,CONFIRMATION
            Lee                                      | Lee                                  | NAME
            ` Ann  Lee `                             | Ann  Lee                             | NAME
            O'Brien-Smith                            | O'Brien-Smith                        | NAME
            Apt 4                                    | Apt 4                                | NAME
            """)
    void readsTheBoxByItsShape(String typed, String term, String kinds) {
        QueryShape.Reading reading = QueryShape.read(typed);
        assertThat(reading.term()).isEqualTo(term == null ? "" : term);
        List<Kind> expected = kinds == null || kinds.isEmpty() ? List.of() : Arrays.stream(kinds.split(",")).map(Kind::valueOf).toList();
        assertThat(reading.kinds()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ann.lee@example.org   | true
            a@b.co                | true
            ann.lee@example       | false
            ann.lee@              | false
            @example.org          | false
            ann@example.o         | false
            """)
    void aWholeEmailIsLookedUpByEquality(String term, boolean whole) {
        assertThat(QueryShape.wholeEmail(term)).isEqualTo(whole);
    }

    @Test
    void nullIsAnEmptyBox() {
        assertThat(QueryShape.read(null).kinds()).isEmpty();
    }

    @Test
    void tooLongIsRefusedNamingTheField() {
        assertThatThrownBy(() -> QueryShape.read("a".repeat(101))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("q:");
    }
}
