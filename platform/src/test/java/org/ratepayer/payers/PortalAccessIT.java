package org.ratepayer.payers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.web.PortalHttp;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A payer reaches only the accounts it holds (docs/payers-portal.md): another payer's account, pay page, bill PDF or
 * receipt answers 404 exactly as an account that does not exist, whatever id is changed in the URL; nobody signed in
 * is sent to sign in. Plain HTTP with a cookie jar per payer.
 */
class PortalAccessIT extends CisSimulatorIT {

    @Autowired
    PayerDirectory directory;
    @Autowired
    Wallet wallet;
    @Autowired
    PaymentService payments;

    private record Setup(TestBiller biller, String alice, String bob, String bobsInvoice, String alicesInvoice) {
    }

    private Setup twoPayers(String alice, String bob) {
        TestBiller b = refreshingBiller();
        String aliceInvoice = alice.replace("-", "") + "0000001";
        String bobInvoice = bob.replace("-", "") + "0000001";
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(aliceInvoice, alice, "10/01/2026", "40.00", null)
                .invoice(bobInvoice, bob, "10/01/2026", "60.00", null).text()).status()).isEqualTo(201);
        cis.state().putAccount(CisAccount.of(alice, PayableCharge.of("Electric", "40.00", "0")));
        cis.state().putAccount(CisAccount.of(bob, PayableCharge.of("Electric", "60.00", "0")));
        directory.register(b.bid(), "alice" + b.bid(), "alice@example.com", List.of(alice), "correct horse battery staple");
        directory.register(b.bid(), "bob" + b.bid(), "bob@example.com", List.of(bob), "correct horse battery staple");
        return new Setup(b, alice, bob, bobInvoice, aliceInvoice);
    }

    private PortalHttp signedIn(TestBiller b, String username) {
        return PortalHttp.signedOn(this::url, b.bid(), directory.mintSignOn(b.bid(), username, null).token());
    }

    @Test
    void aPayerReadsItsOwnAccountButNotAnothersWhateverIdIsChangedInTheUrl() {
        Setup s = twoPayers("6101-1", "6102-1");
        long bid = s.biller().bid();
        PortalHttp alice = signedIn(s.biller(), "alice" + bid);
        String accounts = "/portal/" + bid + "/accounts/";

        HttpResponse<String> home = alice.get("/portal/" + bid);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(s.alice()).doesNotContain(s.bob());
        assertThat(alice.get(accounts + s.alice() + "/pay").statusCode()).isEqualTo(200);
        HttpResponse<String> ownPdf = alice.get(accounts + s.alice() + "/bills/" + s.alicesInvoice() + ".pdf");
        assertThat(ownPdf.statusCode()).isEqualTo(200);
        assertThat(ownPdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");

        // Bob's account exists; to Alice it answers exactly like one that does not.
        HttpResponse<String> nowhere = alice.get(accounts + "9999-9/pay");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        for (String path : List.of(
                accounts + s.bob() + "/pay",
                accounts + s.bob() + "/bills/" + s.bobsInvoice() + ".pdf",
                accounts + s.alice() + "/bills/" + s.bobsInvoice() + ".pdf",
                accounts + s.bob() + "/bills/" + s.alicesInvoice() + ".pdf",
                accounts + s.bob() + "/payments/" + UUID.randomUUID(),
                accounts + s.alice() + "/payments/" + UUID.randomUUID())) {
            HttpResponse<String> r = alice.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("Page not found").doesNotContain(s.bob()).doesNotContain("%PDF");
        }
        assertThat(alice.get(accounts + s.bob() + "/pay").body()).isEqualTo(nowhere.body());

        // Posting a payment to Bob's account with Alice's own, valid form token: refused the same way, nothing charged.
        String csrf = alice.csrfField("/portal/" + bid);
        String pay = csrf + "&amount=60.00&method=CARD&methodToken=" + sandboxCardToken(s.biller(), "4111111111111111")
                + "&payerEmail=";
        assertThat(alice.post(accounts + s.bob() + "/pay", pay).statusCode()).isEqualTo(404);
        assertThat(alice.post(accounts + s.bob() + "/pay/confirm", csrf)
                .statusCode()).isEqualTo(404);
        assertThat(count("select count(*) from payment where biller_id = ?", bid)).isZero();

        // Bob, in his own session, still sees his.
        PortalHttp bob = signedIn(s.biller(), "bob" + bid);
        assertThat(bob.get(accounts + s.bob() + "/pay").statusCode()).isEqualTo(200);
        assertThat(bob.get(accounts + s.alice() + "/pay").statusCode()).isEqualTo(404);
    }

    @Test
    void anotherPayersSavedMethodAnswers404OnMakeDefaultRemoveAndPayAndNothingChanges() {
        Setup s = twoPayers("6601-1", "6602-1");
        long bid = s.biller().bid();
        long bobId = directory.find(bid, "bob" + bid).orElseThrow().userId();
        long aliceId = directory.find(bid, "alice" + bid).orElseThrow().userId();
        SavedPaymentMethod bobsVisa = wallet.save(bid, bobId,
                payments.tokenize(bid, new CardDetails("4111111111111111", 12, 2099, "123", "49331"), null), 12, 2099, null, false);
        SavedPaymentMethod bobsMaster = wallet.save(bid, bobId,
                payments.tokenize(bid, new CardDetails("5555555555554444", 12, 2099, "123", "49331"), null), 12, 2099, null, false);
        SavedPaymentMethod alicesVisa = wallet.save(bid, aliceId,
                payments.tokenize(bid, new CardDetails("4111111111111111", 11, 2098, "123", "49331"), null), 11, 2098, null, false);
        PortalHttp alice = signedIn(s.biller(), "alice" + bid);
        String csrf = alice.csrfField("/portal/" + bid);
        String walletPath = "/portal/" + bid + "/wallet/";

        HttpResponse<String> own = alice.get("/portal/" + bid + "/wallet");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(alicesVisa.id().toString()).doesNotContain(bobsVisa.id().toString()).doesNotContain("tok_");
        HttpResponse<String> nowhere = alice.post(walletPath + UUID.randomUUID() + "/remove", csrf);
        assertThat(nowhere.statusCode()).isEqualTo(404);
        for (String id : List.of(bobsVisa.id().toString(), bobsMaster.id().toString(), "not-a-uuid")) {
            for (String action : List.of("/default", "/remove")) {
                HttpResponse<String> r = alice.post(walletPath + id + action, csrf);
                assertThat(r.statusCode()).as(id + action).isEqualTo(404);
                assertThat(r.body()).as(id + action).contains("Page not found").doesNotContain("ending");
            }
            String pay = csrf + "&amount=40.00&savedMethod=" + id + "&method=CARD&payerEmail=";
            assertThat(alice.post("/portal/" + bid + "/accounts/" + s.alice() + "/pay", pay).statusCode()).as(id + " pay").isEqualTo(404);
        }
        assertThat(alice.post(walletPath + bobsMaster.id() + "/default", csrf).body()).isEqualTo(nowhere.body());

        // Nothing changed: Bob's two methods are his, the Visa still his default; nothing was charged.
        assertThat(wallet.methods(bid, bobId)).extracting(SavedPaymentMethod::id, SavedPaymentMethod::isDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bobsVisa.id(), true), org.assertj.core.groups.Tuple.tuple(bobsMaster.id(), false));
        assertThat(count("select count(*) from payment where biller_id = ?", bid)).isZero();

        // Alice's own method does what she asks; the pay form offers hers only.
        HttpResponse<String> form = alice.get("/portal/" + bid + "/accounts/" + s.alice() + "/pay");
        assertThat(form.body()).contains(alicesVisa.id().toString()).doesNotContain(bobsVisa.id().toString()).doesNotContain("tok_");
        HttpResponse<String> removed = alice.post(walletPath + alicesVisa.id() + "/remove", csrf);
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(wallet.methods(bid, aliceId)).isEmpty();
        assertThat(alice.post(walletPath + alicesVisa.id() + "/remove", csrf).statusCode()).as("gone once removed").isEqualTo(404);

        // Nobody signed in is sent to sign in.
        HttpResponse<String> visitor = new PortalHttp(this::url).get("/portal/" + bid + "/wallet");
        assertThat(visitor.statusCode()).isEqualTo(302);
        assertThat(visitor.headers().firstValue("Location").orElseThrow()).contains("/sign-in");
    }

    @Test
    void anAccountTheCisUnlinksIsGoneAtOnceAndASessionCountsForItsOwnBillerOnly() {
        Setup s = twoPayers("6201-1", "6202-1");
        long bid = s.biller().bid();
        PortalHttp alice = signedIn(s.biller(), "alice" + bid);
        String pay = "/portal/" + bid + "/accounts/" + s.alice() + "/pay";
        assertThat(alice.get(pay).statusCode()).isEqualTo(200);
        directory.unlinkAccount(bid, "alice" + bid, s.alice());
        assertThat(alice.get(pay).statusCode()).isEqualTo(404);
        HttpResponse<String> home = alice.get("/portal/" + bid);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Your utility has not linked an account to you yet").doesNotContain(s.alice());

        Setup other = twoPayers("6203-1", "6204-1");
        HttpResponse<String> elsewhere = alice.get("/portal/" + other.biller().bid());
        assertThat(elsewhere.statusCode()).isEqualTo(302);
        assertThat(elsewhere.headers().firstValue("Location").orElseThrow()).contains("/portal/" + other.biller().bid() + "/sign-in");
    }

    @Test
    void nobodySignedInIsSentToSignInAndBroughtBackAfterwards() {
        Setup s = twoPayers("6301-1", "6302-1");
        long bid = s.biller().bid();
        PortalHttp visitor = new PortalHttp(this::url);
        String accounts = "/portal/" + bid + "/accounts/";
        for (String path : List.of("/portal/" + bid, accounts + s.alice() + "/pay",
                accounts + s.alice() + "/bills/" + s.alicesInvoice() + ".pdf", accounts + s.alice() + "/payments/" + UUID.randomUUID())) {
            HttpResponse<String> r = visitor.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(path)
                    .contains("/portal/" + bid + "/sign-in?next=" + path);
        }
        assertThat(visitor.get("/portal/" + bid + "/theme.css").statusCode()).as("the colours are public").isEqualTo(200);
    }

    @Test
    void theAccentColourIsCheckedForContrastOnWriteAndServedAsAStyleSheet() {
        TestBiller b = newBiller();
        String setting = "/api/v1/billers/" + b.bid() + "/settings/1007";
        assertThat(send(request("/portal/" + b.bid() + "/theme.css").GET()).body()).doesNotContain("--accent");
        Reply yellow = operatorPut(setting, "{\"value\":\"#ffcc00\"}");
        assertThat(yellow.status()).as(yellow.body()).isEqualTo(422);
        assertThat(yellow.body()).contains("contrast ratio of 1.").contains("4.5:1");
        assertThat(operatorPut(setting, "{\"value\":\"red\"}").status()).isEqualTo(422);
        assertThat(operatorPut(setting, "{\"value\":\"#0B5CAD\"}").status()).isEqualTo(200);
        Reply css = send(request("/portal/" + b.bid() + "/theme.css").GET());
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.body()).isEqualTo(":root { --accent: #0b5cad; }\n");
    }
}
