package org.ratepayer.payers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.springframework.beans.factory.annotation.Autowired;

/** A payer's wallet: saved methods bound to their biller and user, a default, removal (docs/payers.md). */
class WalletIT extends PlatformIT {

    @Autowired
    PayerDirectory directory;
    @Autowired
    Wallet wallet;
    @Autowired
    PaymentService payments;

    private record Setup(TestBiller biller, Payer payer, Payer other) {
    }

    private Setup setup() {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "w.bif", new BifText(b.guidText())
                .invoice("71010000001", "7101-1", "10/01/2026", "50.00", null)
                .invoice("71020000001", "7102-1", "10/01/2026", "60.00", null).text()).status()).isEqualTo(201);
        Payer payer = directory.register(b.bid(), "wallet-owner", "owner@example.org", List.of("7101-1"), "correct horse battery").payer();
        Payer other = directory.register(b.bid(), "someone-else", "else@example.org", List.of("7102-1"), "correct horse battery").payer();
        return new Setup(b, payer, other);
    }

    private PaymentGateway.Tokenized card(long bid, String number) {
        return payments.tokenize(bid, new CardDetails(number, 12, 2099, "123", "49331"), null);
    }

    @Test
    void theFirstMethodSavedIsTheDefaultAndSavingItAgainKeepsOneRow() {
        Setup s = setup();
        long bid = s.biller().bid();
        PaymentGateway.Tokenized visa = card(bid, "4111111111111111");
        SavedPaymentMethod first = wallet.save(bid, s.payer().userId(), visa, 12, 2099, null, false);
        SavedPaymentMethod again = wallet.save(bid, s.payer().userId(), visa, 12, 2099, null, false);
        SavedPaymentMethod bank = wallet.save(bid, s.payer().userId(),
                payments.tokenize(bid, null, new BankDetails("011000015", "123456789", "CHECKING")), null, null, "CHECKING", false);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.isDefault()).isTrue();
        assertThat(first.label()).isEqualTo("VISA ending 1111");
        assertThat(bank.label()).isEqualTo("Checking ending 6789");
        assertThat(bank.method()).isEqualTo(Method.ACH);
        assertThat(wallet.methods(bid, s.payer().userId())).extracting(SavedPaymentMethod::id).containsExactly(first.id(), bank.id());

        assertThat(wallet.makeDefault(bid, s.payer().userId(), bank.id())).isTrue();
        assertThat(wallet.methods(bid, s.payer().userId())).extracting(SavedPaymentMethod::id, SavedPaymentMethod::isDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bank.id(), true), org.assertj.core.groups.Tuple.tuple(first.id(), false));
        assertThat(count("select count(*) from payer_method where user_id = ? and token like '%4111111111111111%'", s.payer().userId()))
                .isZero();
    }

    @Test
    void anotherUsersMethodCanNeitherBeSeenUsedChangedNorRemoved() {
        Setup s = setup();
        long bid = s.biller().bid();
        SavedPaymentMethod mine = wallet.save(bid, s.payer().userId(), card(bid, "4111111111111111"), 12, 2099, null, false);
        long other = s.other().userId();

        assertThat(wallet.find(bid, other, mine.id())).isEmpty();
        assertThat(wallet.token(bid, other, mine.id())).isEmpty();
        assertThat(wallet.makeDefault(bid, other, mine.id())).isFalse();
        assertThat(wallet.remove(bid, other, mine.id())).isFalse();
        assertThat(wallet.methods(bid, other)).isEmpty();
        TestBiller elsewhere = newBiller();
        assertThat(wallet.token(elsewhere.bid(), s.payer().userId(), mine.id())).isEmpty();
        assertThat(wallet.find(bid, s.payer().userId(), mine.id())).isPresent();

        assertThat(wallet.remove(bid, s.payer().userId(), mine.id())).isTrue();
        assertThat(wallet.remove(bid, s.payer().userId(), mine.id())).isFalse();
        assertThat(wallet.methods(bid, s.payer().userId())).isEmpty();
        assertThat(wallet.find(bid, s.payer().userId(), UUID.randomUUID())).isEmpty();
    }

    @Test
    void anotherBillersTokenAndAnExpiredCardAreRefusedAndAFullWalletTakesNoMore() {
        Setup s = setup();
        long bid = s.biller().bid();
        TestBiller elsewhere = newBiller();
        PaymentGateway.Tokenized foreign = card(elsewhere.bid(), "4111111111111111");
        assertThatThrownBy(() -> wallet.save(bid, s.payer().userId(), foreign, 12, 2099, null, false))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.field()).isEqualTo("method"));
        assertThatThrownBy(() -> wallet.save(bid, s.payer().userId(), card(bid, "4111111111111111"), 1, 2020, null, false))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.field()).isEqualTo("expYear"));

        String[] numbers = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "4012888888881881",
                "5105105105105100", "371449635398431", "6011000990139424", "4222222222222", "30569309025904"};
        for (String number : numbers) {
            wallet.save(bid, s.payer().userId(), card(bid, number), 12, 2099, null, false);
        }
        assertThat(wallet.methods(bid, s.payer().userId())).hasSize(WalletRules.MAXIMUM_METHODS);
        assertThatThrownBy(() -> wallet.save(bid, s.payer().userId(),
                payments.tokenize(bid, null, new BankDetails("011000015", "123456789", "SAVINGS")), null, null, "SAVINGS", false))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("wallet_full"));
    }
}
