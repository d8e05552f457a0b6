package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.CisPosting.Tender;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.daffron.DataPumpConfig.TransactionIdSource;
import org.ratepayer.multispeak.Tenders;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.PaymentTransaction;

class PaymentTransactionMapperTest {

    private static final PaymentModes CARD_MODES = PaymentModes.parse(64, Optional.of("0(WEB)|2(CSRWEB)|8(POS)"));
    private static final PaymentModes ACH_MODES = PaymentModes.parse(65, Optional.of("2(CSRACH)|3(IVRACH)"));

    private static PaymentTransactionMapper mapper(AmountFormat format, DataPumpConfig dataPump) {
        return new PaymentTransactionMapper(new PaymentPostingSettings(format, CARD_MODES, ACH_MODES, dataPump));
    }

    private static PaymentTransaction sent(Mapped<PaymentTransaction> mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Send.class);
        return ((Mapped.Send<PaymentTransaction>) mapped).message();
    }

    @Test
    void theSeedsCardPayment() {
        PaymentTransaction transaction = sent(mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT)
                .map(TestPostings.seedPayment()));

        assertThat(transaction.getAccountNumber()).isEqualTo("35909001");
        assertThat(transaction.getCreditCardPayment()).singleElement().satisfies(card -> {
            assertThat(card.getTender().getAmount().toPlainString()).isEqualTo("232.1");
            assertThat(card.getTender().getAuthorizationCode()).isEqualTo(TestPostings.SEED_APPROVAL);
            assertThat(card.getTender().getPaymentMode()).isEqualTo("WEB");
            assertThat(card.getTender().getExtensionsList().getExtensionsItem())
                    .extracting(ExtensionsItem::getExtName, ExtensionsItem::getExtValue, ExtensionsItem::getExtType)
                    .containsExactly(tuple("transactionId", TestPostings.SEED_APPROVAL, null));
        });
        assertThat(transaction.getAchPayment()).isEmpty();
        assertThat(transaction.getCashPayment()).isEmpty();
        assertThat(transaction.getECheckPayment()).isEmpty();
    }

    @Test
    void theTransactionIdIsThePaymentGuidWhenSetting131SaysSo() {
        PaymentTransaction transaction = sent(mapper(AmountFormat.SHORTEST,
                new DataPumpConfig(false, TransactionIdSource.PAYMENT_GUID)).map(TestPostings.seedPayment()));

        assertThat(Tenders.transactionId(Tenders.of(transaction).findFirst().orElseThrow()))
                .hasValue("e4deba7f-86e7-4850-8226-d6a2fbfb0ab6");
        assertThat(Tenders.of(transaction).findFirst().orElseThrow().getAuthorizationCode())
                .as("ITG-3305: the authorization code stays the approval code").isEqualTo(TestPostings.SEED_APPROVAL);
    }

    @Test
    void aPaymentWithoutApprovalCodeIsKnownByItsGuid() {
        CisPosting.Payment cash = new CisPosting.Payment(UUID.randomUUID(), "1001", UUID.randomUUID(), Tender.CASH,
                new BigDecimal("20"), null, 8, null, false);

        PaymentTransaction transaction = sent(mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT).map(cash));

        var tender = transaction.getCashPayment().get(0).getTender();
        assertThat(tender.getAuthorizationCode()).isNull();
        assertThat(Tenders.transactionId(tender)).hasValue(cash.paymentGuid().toString());
        assertThat(tender.getPaymentMode()).isEqualTo("POS");
    }

    @ParameterizedTest
    @CsvSource({
            "CARD, 0, WEB", "CARD, 2, CSRWEB", "CARD, 8, POS", "CARD, 3, WEB", "CARD, 5, OBD",
            "ACH, 2, CSRACH", "ACH, 3, IVRACH", "ACH, 0, WEB", "ACH, 8, WEB", "ACH, 5, OBD",
            "CASH, 4, KIOSK", "CASH, 8, POS", "CASH, 5, OBD", "CASH, 42, WEB"})
    void paymentModeByTenderAndChannel(Tender tender, int source, String mode) {
        PaymentTransaction transaction = sent(mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT)
                .map(TestPostings.payment("1001", tender, "10", source)));

        assertThat(Tenders.of(transaction)).singleElement()
                .satisfies(t -> assertThat(t.getPaymentMode()).isEqualTo(mode));
        switch (tender) {
            case CARD -> assertThat(transaction.getCreditCardPayment()).hasSize(1);
            case ACH -> assertThat(transaction.getAchPayment()).hasSize(1);
            case CASH -> assertThat(transaction.getCashPayment()).hasSize(1);
        }
    }

    @Test
    void kioskPaymentsCarryTheKioskIdAsBillerReference() {
        PaymentTransaction kiosk = sent(mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT)
                .map(TestPostings.kioskCash("BHappy")));
        PaymentTransaction noKioskId = sent(mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT)
                .map(TestPostings.kioskCash(" ")));
        PaymentTransaction webWithKioskId = sent(mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT)
                .map(new CisPosting.Payment(UUID.randomUUID(), "1001", UUID.randomUUID(), Tender.CARD, BigDecimal.TEN,
                        "A01", 0, "BHappy", false)));

        assertThat(Tenders.extension(Tenders.of(kiosk).findFirst().orElseThrow(), "billerReference")).hasValue("BHappy");
        assertThat(Tenders.extension(Tenders.of(noKioskId).findFirst().orElseThrow(), "billerReference")).isEmpty();
        assertThat(Tenders.extension(Tenders.of(webWithKioskId).findFirst().orElseThrow(), "billerReference"))
                .isEmpty();
    }

    @Test
    void donationsAreNotSentWhenSkipDonationTypes() {
        Mapped<PaymentTransaction> skipped = mapper(AmountFormat.SHORTEST, new DataPumpConfig(true,
                TransactionIdSource.APPROVAL_CODE)).map(TestPostings.donation());
        Mapped<PaymentTransaction> posted = mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT)
                .map(TestPostings.donation());

        assertThat(skipped).isInstanceOfSatisfying(Mapped.Settled.class, s -> {
            assertThat(s.status()).isEqualTo(PostingResult.Status.NOT_SENT);
            assertThat(s.reason()).contains("SkipDonationTypes");
        });
        assertThat(posted).isInstanceOf(Mapped.Send.class);
        assertThat(mapper(AmountFormat.SHORTEST, new DataPumpConfig(true, TransactionIdSource.APPROVAL_CODE))
                .map(TestPostings.seedPayment())).as("only donations are skipped").isInstanceOf(Mapped.Send.class);
    }

    @Test
    void aFractionOfACentFailsInVersion2AndIsSentExactlyInVersion1() {
        CisPosting.Payment odd = TestPostings.payment("1001", Tender.CARD, "10.005", 0);

        assertThat(mapper(AmountFormat.TWO_DECIMALS, DataPumpConfig.DEFAULT).map(odd))
                .isInstanceOfSatisfying(Mapped.Settled.class, s -> {
                    assertThat(s.status()).isEqualTo(PostingResult.Status.FAILED);
                    assertThat(s.reason()).contains("10.005");
                });
        assertThat(Tenders.of(sent(mapper(AmountFormat.SHORTEST, DataPumpConfig.DEFAULT).map(odd))).findFirst()
                .orElseThrow().getAmount().toPlainString()).isEqualTo("10.005");
    }

    @Test
    void settingsComeFromTheBiller() {
        var settings = PaymentPostingSettings.of(TestPostings.biller(Map.of(35, "2")));
        assertThat(Tenders.of(sent(new PaymentTransactionMapper(settings).map(TestPostings.seedPayment())))
                .findFirst().orElseThrow().getAmount().toPlainString()).isEqualTo("232.10");
    }
}
