package org.ratepayer.payments.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.MethodNotAcceptedException;

/** What a payer reads on the payment page, Pay Now and the portal when a method is refused before the processor. */
class PaymentMethodFormTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "card.number        | The card number is not valid. Check it and try again.",
            "card.cvv           | The security code must be 3 or 4 digits.",
            "hostedFields       | The card or bank details could not be used. Enter them again in the secure fields.",
            "bank.routingNumber | The routing number is not valid. It is the 9-digit number at the bottom left of a check."})
    void aBadFieldIsNamedPlainly(String field, String shown) {
        assertThat(PaymentMethodForm.friendly(new InvalidPaymentMethodException(field, "invalid"))).isEqualTo(shown);
    }

    /** A biller on Stripe (docs/processors.md): the page says why, and never repeats the processor's jargon or a number. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"card", "bank"})
    void aMethodTheBillersProcessorTakesOnlyInItsOwnFieldsIsExplained(String field) {
        String shown = PaymentMethodForm.friendly(new MethodNotAcceptedException(field,
                field.equals("card") ? MethodNotAcceptedException.CARD_NUMBERS : MethodNotAcceptedException.BANK_ACCOUNTS));
        assertThat(shown).isEqualTo("Card and bank details cannot be taken on this page for this biller: its payment processor takes them"
                + " only in its own secure fields. Please pay another way, or contact the biller.");
    }
}
