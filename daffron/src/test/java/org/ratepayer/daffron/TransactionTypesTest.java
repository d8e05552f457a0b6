package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the allowable transaction types of a balance answer block (docs/cis-balances.md). */
class TransactionTypesTest {

    @ParameterizedTest(name = "[{0}] blocks ACH {1}, card {2}")
    @CsvSource(delimiter = ';', nullValues = "none", value = {
            "none;                         false; false",
            "'';                           false; false",
            "'  ';                         false; false",
            "Cash Only;                    true;  false",
            "' cash only ';                true;  false",
            "Check| cash only ;            true;  false",
            "Credit Card|ACH;              false; false",
            "credit card|check;            false; false",
            "Credit Card;                  true;  false",
            "Debit Card;                   true;  false",
            "ACH;                          false; true",
            "eCheck;                       false; true",
            "Check;                        false; true",
            "Bank Draft|Credit Card;       false; false",
            "Cash;                         true;  true",
    })
    void aListNamesWhatIsAllowedAndCashOnlyBlocksBankPayments(String list, boolean ach, boolean card) {
        List<String> types = list == null ? null : Arrays.asList(list.split("\\|", -1));
        assertThat(TransactionTypes.of(types)).isEqualTo(new TransactionTypes.Blocks(ach, card));
    }
}
