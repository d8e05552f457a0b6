package org.ratepayer.multispeak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.ratepayer.multispeak.v3.CommitPaymentTransaction;
import org.ratepayer.multispeak.v3.PaymentTransactionList;
import org.ratepayer.multispeak.v3.Tender;

class AmountsTest {

    private final MultiSpeakXml xml = new MultiSpeakXml();

    @ParameterizedTest
    @ValueSource(strings = {"0.07", "1234567.89", "-15.5", "232.10", "15", "0", "99999999999.99"})
    void amountsSurviveTheWireBothWaysUnchanged(String amount) {
        CommitPaymentTransaction message = new CommitPaymentTransaction();
        message.setTransactions(new PaymentTransactionList());
        message.getTransactions().getPaymentTransaction().add(SampleMessages.cardPayment("1001-2", amount, "t-1"));

        String wire = xml.marshal(message);

        assertThat(wire).contains("<amount>" + amount + "</amount>");
        Tender back = Tenders.of(xml.unmarshal(wire, CommitPaymentTransaction.class)
                .getTransactions().getPaymentTransaction().get(0)).findFirst().orElseThrow();
        assertThat(back.getAmount()).isEqualTo(new BigDecimal(amount));
        assertThat(back.getAmount().toPlainString()).isEqualTo(amount);
    }

    @Test
    void printsPlainDecimalsNeverExponents() {
        assertThat(Amounts.print(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Amounts.print(new BigDecimal("1E-7"))).isEqualTo("0.0000001");
        assertThat(Amounts.print(null)).isNull();
    }

    @Test
    void readsWhatAFloatLexicalMayHoldButNeverGoesThroughFloat() {
        assertThat(Amounts.parse(" 0.07 ")).isEqualTo(new BigDecimal("0.07"));
        assertThat(Amounts.parse("1.5E3")).isEqualByComparingTo("1500");
        assertThat(Amounts.parse("0.1").add(Amounts.parse("0.2"))).isEqualTo(new BigDecimal("0.3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INF", "-INF", "NaN", "", "12,50", "abc"})
    void refusesWhatIsNoAmount(String text) {
        assertThatThrownBy(() -> Amounts.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
