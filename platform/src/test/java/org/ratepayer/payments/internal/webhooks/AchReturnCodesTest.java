package org.ratepayer.payments.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From what a processor says to the NACHA return code and words staff and payers read (docs/ach.md, "Return codes"). */
class AchReturnCodesTest {

    @ParameterizedTest(name = "raw {0}, failure {1}, message {2} -> {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // the bank's own code, as the sandbox sends it, wins
            "R01  | null                         | null                 | R01   | Insufficient funds",
            "r02  | insufficient_funds           | null                 | R02   | Account closed",
            "R51  | null                         | Item related to RCK  | R51   | Item related to RCK",
            "R51  | null                         | null                 | R51   | Returned by the bank",
            // Stripe's codes, from its table of network decline codes
            "null | insufficient_funds           | null                 | R01   | Insufficient funds (insufficient_funds)",
            "null | bank_account_closed          | null                 | R02   | Account closed (bank_account_closed)",
            "null | account_closed               | null                 | R02   | Account closed (account_closed)",
            "null | no_account                   | null                 | R03   | No account, or unable to locate the account (no_account)",
            "null | bank_account_invalid_details | null                 | R03   | No account, or unable to locate the account (bank_account_invalid_details)",
            "null | invalid_account_number       | null                 | R04   | Invalid account number (invalid_account_number)",
            "null | debit_not_authorized         | null                 | R10   | Customer advises the debit was not authorized (debit_not_authorized)",
            "null | bank_account_frozen          | null                 | R16   | Account frozen (bank_account_frozen)",
            "null | bank_account_restricted      | null                 | R20   | Non-transaction account (bank_account_restricted)",
            "' '  | ' Insufficient_Funds '       | null                 | R01   | Insufficient funds (insufficient_funds)",
            // anything else keeps the processor's words
            "null | processing_error             | Try again later      | OTHER | Try again later",
            "null | processing_error             | null                 | OTHER | processing_error",
            "null | null                         | null                 | OTHER | Returned by the bank",
            "RXX  | null                         | null                 | OTHER | Returned by the bank",
    })
    void theReturnCodeAndItsWords(String raw, String failure, String message, String code, String words) {
        assertThat(AchReturnCodes.of(raw, failure, message)).isEqualTo(new AchReturnCodes.Reason(code, words));
    }
}
