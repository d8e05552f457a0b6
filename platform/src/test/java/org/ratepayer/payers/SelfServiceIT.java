package org.ratepayer.payers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Registering from a bill and co-owners by invitation, for a biller whose CIS does not register payers (docs/payers.md). */
@Import(SelfServiceIT.Links.class)
class SelfServiceIT extends PlatformIT {

    /** Catches the links the emails would carry. */
    @TestConfiguration
    static class Links {
        final List<SignupConfirmationWanted> signups = new ArrayList<>();
        final List<CoOwnerInvited> invitations = new ArrayList<>();

        @EventListener
        synchronized void on(SignupConfirmationWanted e) {
            signups.add(e);
        }

        @EventListener
        synchronized void on(CoOwnerInvited e) {
            invitations.add(e);
        }

        synchronized SignupConfirmationWanted lastSignup() {
            return signups.get(signups.size() - 1);
        }

        synchronized CoOwnerInvited lastInvitation() {
            return invitations.get(invitations.size() - 1);
        }
    }

    @Autowired
    SelfRegistration registration;
    @Autowired
    Invitations invitations;
    @Autowired
    PayerDirectory directory;
    @Autowired
    Links links;
    @Autowired
    Profile profile;

    private TestBiller standardBiller() {
        TestBiller b = newBiller("standard");
        billerService.setOption(b.bid(), 74, null, BooleanNode.TRUE, "test");
        billerService.setOption(b.bid(), 78, null, BooleanNode.TRUE, "test");
        billerService.setOption(b.bid(), 79, null, IntNode.valueOf(2), "test");
        assertThat(upload(b, b.webServiceKey(), "s.bif", new BifText(b.guidText())
                .invoice("91010000001", "9101-1", "10/01/2026", "84.17", null)
                .invoice("91020000001", "9102-1", "10/01/2026", "20.00", null)
                .invoice("91030000001", "9103-1", "10/01/2026", "30.00", null).text()).status()).isEqualTo(201);
        return b;
    }

    @Test
    void aPayerRegistersFromABillAndExistsOnlyOnceTheEmailIsConfirmed() {
        TestBiller b = standardBiller();
        long bid = b.bid();
        String zip = jdbc.sql("select zip from account where biller_id = ? and account_number = '9101-1'").param(bid).query(String.class).single();

        assertThat(registration.findAccount(bid, "9101-1", zip, null)).contains("9101-1");
        assertThat(registration.findAccount(bid, "9101-1", null, new BigDecimal("84.17"))).contains("9101-1");
        assertThat(registration.findAccount(bid, "9101-1", null, new BigDecimal("84.18"))).isEmpty();
        assertThat(registration.findAccount(bid, "9101-1", "00000", null)).isEmpty();
        assertThat(registration.findAccount(bid, "9999-1", zip, null)).isEmpty();

        assertThatThrownBy(() -> registration.start(bid, "9101-1", "new-member", "new@example.org", "short"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.field()).isEqualTo("password"));
        registration.start(bid, "9101-1", "new-member", "new@example.org", "correct horse battery");
        assertThat(directory.find(bid, "new-member")).isEmpty();

        SignupConfirmationWanted mail = links.lastSignup();
        assertThat(mail.email()).isEqualTo("new@example.org");
        assertThat(jdbc.sql("select recipients || '|' || subject from email_message where biller_id = ? and kind = 'SIGNUP_CONFIRMATION'")
                .param(bid).query(String.class).list()).singleElement().asString()
                .startsWith("new@example.org|Confirm your Test Co-op");
        assertThat(count("select count(*) from email_message where biller_id = ? and body_text like ?", bid, "%" + mail.token() + "%"))
                .as("the history copy has no link").isZero();
        assertThat(registration.confirm(bid, "not-the-token")).isEmpty();
        Payer payer = registration.confirm(bid, mail.token()).orElseThrow();
        assertThat(payer.accounts()).containsExactly("9101-1");
        assertThat(directory.authenticate(bid, "new-member", "correct horse battery")).isPresent();
        assertThat(registration.confirm(bid, mail.token())).isEmpty();

        assertThatThrownBy(() -> registration.start(bid, "9101-1", "NEW-MEMBER", "other@example.org", "correct horse battery"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("username_taken"));
    }

    @Test
    void anExpiredConfirmationLinkCreatesNobody() {
        TestBiller b = standardBiller();
        registration.start(b.bid(), "9101-1", "late-member", "late@example.org", "correct horse battery");
        String token = links.lastSignup().token();
        clock.advance(SelfRegistration.CONFIRMATION_LIFETIME.plus(Duration.ofMinutes(1)));
        try {
            assertThat(registration.confirm(b.bid(), token)).isEmpty();
            assertThat(directory.find(b.bid(), "late-member")).isEmpty();
        } finally {
            clock.advance(SelfRegistration.CONFIRMATION_LIFETIME.plus(Duration.ofMinutes(1)).negated());
        }
    }

    @Test
    void aCoOwnerJoinsByInvitationWithinOption79AndCanBeRemoved() {
        TestBiller b = standardBiller();
        long bid = b.bid();
        Payer owner = directory.register(bid, "owner", "owner@example.org", List.of("9101-1"), "correct horse battery").payer();
        Payer friend = directory.register(bid, "friend", "friend@example.org", List.of("9102-1"), "correct horse battery").payer();

        Invitations.Pending sent = invitations.invite(bid, owner.userId(), "9101-1", "friend@example.org");
        assertThat(invitations.pending(bid, owner.userId(), "9101-1")).extracting(Invitations.Pending::id).containsExactly(sent.id());
        String token = links.lastInvitation().token();
        assertThat(jdbc.sql("select account_number || '|' || recipients from email_message where biller_id = ? and kind = 'CO_OWNER_INVITATION'")
                .param(bid).query(String.class).list()).containsExactly("9101-1|friend@example.org");
        assertThat(count("select count(*) from email_message where biller_id = ? and body_text like ?", bid, "%" + token + "%")).isZero();
        assertThat(invitations.account(bid, token)).contains("9101-1");
        assertThat(invitations.accept(bid, token, friend.userId()).orElseThrow().accounts()).containsExactly("9102-1", "9101-1");
        assertThat(invitations.accept(bid, token, friend.userId())).isEmpty();
        assertThat(invitations.pending(bid, owner.userId(), "9101-1")).isEmpty();

        assertThatThrownBy(() -> invitations.invite(bid, owner.userId(), "9101-1", "third@example.org"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("co_owner_limit"));
        Payer stranger = directory.register(bid, "stranger", "s@example.org", List.of("9103-1"), "correct horse battery").payer();
        assertThatThrownBy(() -> invitations.invite(bid, stranger.userId(), "9101-1", "x@example.org"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("account_not_found"));
        assertThatThrownBy(() -> invitations.removeCoOwner(bid, stranger.userId(), "9101-1", "friend"))
                .isInstanceOf(PayerRefusal.class);

        assertThat(invitations.removeCoOwner(bid, owner.userId(), "9101-1", "friend").accounts()).containsExactly("9102-1");
        assertThat(directory.registration(bid, "9101-1").users()).containsExactly("owner");
    }

    @Test
    void anInviteeWithoutALoginRegistersFromTheInvitationOnceAndWithinOption79() {
        TestBiller b = standardBiller();
        long bid = b.bid();
        Payer owner = directory.register(bid, "owner", "owner@example.org", List.of("9101-1"), "correct horse battery").payer();
        invitations.invite(bid, owner.userId(), "9101-1", "newbie@example.org");
        String first = links.lastInvitation().token();
        invitations.invite(bid, owner.userId(), "9101-1", "late@example.org");
        String second = links.lastInvitation().token();

        assertThatThrownBy(() -> invitations.register(bid, first, "OWNER", "correct horse battery"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("username_taken"));
        assertThatThrownBy(() -> invitations.register(bid, first, "newbie", "short"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(invitations.account(bid, first)).as("a refused registration leaves the link usable").contains("9101-1");

        Payer newbie = invitations.register(bid, first, "newbie", "correct horse battery").orElseThrow();
        assertThat(newbie.accounts()).containsExactly("9101-1");
        assertThat(newbie.email()).as("the invited address, confirmed by following the link").isEqualTo("newbie@example.org");
        assertThat(directory.authenticate(bid, "newbie", "correct horse battery")).isPresent();
        assertThat(directory.registration(bid, "9101-1").users()).containsExactlyInAnyOrder("owner", "newbie");
        assertThat(jdbc.sql("select accepted_by from payer_invitation where biller_id = ? and email = 'newbie@example.org'")
                .param(bid).query(Long.class).single()).isEqualTo(newbie.userId());
        assertThat(invitations.register(bid, first, "newbie2", "correct horse battery")).as("single use").isEmpty();
        assertThat(directory.find(bid, "newbie2")).isEmpty();

        assertThatThrownBy(() -> invitations.register(bid, second, "late", "correct horse battery"))
                .as("option 79 is 2: the account is full").isInstanceOfSatisfying(PayerRefusal.class,
                        e -> assertThat(e.code()).isEqualTo("co_owner_limit"));
        assertThat(directory.find(bid, "late")).as("no user without the account").isEmpty();
        assertThat(invitations.register(bid, "no-such-token", "ghost", "correct horse battery")).isEmpty();
    }

    @Test
    void theDaffronTemplateOffersNeitherRegistrationNorInvitations() {
        TestBiller b = newBiller();
        assertThat(upload(b, b.webServiceKey(), "d.bif", new BifText(b.guidText())
                .invoice("92010000001", "9201-1", "10/01/2026", "40.00", null).text()).status()).isEqualTo(201);
        Payer owner = directory.register(b.bid(), "cis-user", "cis@example.org", List.of("9201-1"), "correct horse battery").payer();
        assertThat(registration.allowed(b.bid())).isFalse();
        assertThat(registration.findAccount(b.bid(), "9201-1", null, new BigDecimal("40.00"))).isEmpty();
        assertThatThrownBy(() -> registration.start(b.bid(), "9201-1", "someone", "s@example.org", "correct horse battery"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("registration_by_cis"));
        assertThatThrownBy(() -> invitations.invite(b.bid(), owner.userId(), "9201-1", "friend@example.org"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("invitations_not_offered"));
    }

    @Test
    void aPayerChangesTheirOwnEmailAndPasswordWhereTheCisDoesNotOwnThem() {
        TestBiller b = standardBiller();
        long bid = b.bid();
        Payer me = directory.register(bid, "self", "self@example.org", List.of("9101-1"), "correct horse battery").payer();

        assertThatThrownBy(() -> profile.changePassword(bid, me.userId(), "wrong password!", "a new long password"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.field()).isEqualTo("currentPassword"));
        assertThatThrownBy(() -> profile.changePassword(bid, me.userId(), "correct horse battery", "short"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.field()).isEqualTo("newPassword"));
        profile.changePassword(bid, me.userId(), "correct horse battery", "a new long password");
        assertThat(directory.authenticate(bid, "self", "a new long password")).isPresent();
        assertThat(directory.authenticate(bid, "self", "correct horse battery")).isEmpty();

        assertThat(profile.changeEmail(bid, me.userId(), "moved@example.org").email()).isEqualTo("moved@example.org");
        billerService.setSetting(bid, 6, com.fasterxml.jackson.databind.node.TextNode.valueOf("1"), "test");
        assertThat(profile.canChangeEmail(bid)).isFalse();
        assertThatThrownBy(() -> profile.changeEmail(bid, me.userId(), "again@example.org"))
                .isInstanceOfSatisfying(PayerRefusal.class, e -> assertThat(e.code()).isEqualTo("managed_by_cis"));

        TestBiller daffron = newBiller();
        assertThat(profile.canChangePassword(daffron.bid())).isFalse();
        assertThat(profile.canChangeEmail(daffron.bid())).isFalse();
    }
}
