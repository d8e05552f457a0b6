package org.ratepayer.payers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.billers.ConfigCatalogue;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The remote registration API as the CIS's portal calls it with the biller's web-service key (SPEC C8,
 * docs/payers-remote-registration.md): every call, the same call twice, the co-owner options, refusals that change
 * nothing, single-use sign-on tokens that expire after two minutes, and paperless changes made in the CIS.
 */
class RemoteAuthApiIT extends PlatformIT {

    @Autowired
    PayerDirectory directory;

    private TestBiller billerWith(String... accounts) {
        TestBiller b = newBiller();
        BifText file = new BifText(b.guidText());
        int n = 0;
        for (String a : accounts) {
            file.invoice(a.replace("-", "") + "00000" + (++n), a, "10/01/2026", "55.10", null);
        }
        assertThat(upload(b, b.webServiceKey(), b.bid() + "_10012026.bif", file.text()).status()).isEqualTo(201);
        return b;
    }

    private String base(TestBiller b) {
        return "/api/v1/billers/" + b.bid() + "/remote-auth";
    }

    private Reply call(String method, String path, String key, String body) {
        HttpRequest.Builder r = request(path).header("X-Api-Key", key);
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        return send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply register(TestBiller b, String username, String email, String... accounts) {
        return call("POST", base(b) + "/users", b.webServiceKey(), "{\"username\":\"" + username + "\",\"email\":\"" + email
                + "\",\"accounts\":" + jsonList(accounts) + "}");
    }

    private static String jsonList(String... items) {
        return "[" + String.join(",", java.util.Arrays.stream(items).map(i -> "\"" + i + "\"").toList()) + "]";
    }

    private static List<String> texts(Reply r, String field) {
        return java.util.stream.StreamSupport.stream(r.json().get(field).spliterator(), false).map(n -> n.asText()).toList();
    }

    /** Every row remote registration writes, for one biller: a refused call must leave all of them as they were. */
    private List<Object> state(TestBiller b) {
        return List.of(count("select count(*) from payer_user where biller_id = ?", b.bid()),
                jdbc.sql("select coalesce(string_agg(u.username || ':' || u.email || ':' || (u.password_hash is not null), ',' "
                        + "order by u.username), '') from payer_user u where u.biller_id = ?").param(b.bid()).query(String.class).single(),
                jdbc.sql("select coalesce(string_agg(u.username || '>' || a.account_number, ',' order by u.username, a.account_number), '') "
                        + "from payer_account a join payer_user u using (user_id) where a.biller_id = ?").param(b.bid())
                        .query(String.class).single(),
                count("select count(*) from payer_token where biller_id = ?", b.bid()),
                count("select count(*) from paperless_enrolment where biller_id = ?", b.bid()),
                count("select count(*) from posting where biller_id = ?", b.bid()));
    }

    @Test
    void registerCreatesTheUserWithItsAccountsAndTheSameCallAgainAnswers200WithTheSameState() {
        TestBiller b = billerWith("1001-1", "1001-2");
        Reply created = register(b, "jane.doe", "jane@example.org", "1001-1", "1001-2");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("username").asText()).isEqualTo("jane.doe");
        assertThat(created.json().get("email").asText()).isEqualTo("jane@example.org");
        assertThat(texts(created, "accounts")).containsExactlyInAnyOrder("1001-1", "1001-2");
        assertThat(created.json().size()).as("username, email and accounts only").isEqualTo(3);
        List<Object> after = state(b);
        assertThat(count("select count(*) from payer_token where biller_id = ? and purpose = 'SET_PASSWORD'", b.bid()))
                .as("a user registered without a password is emailed a link to set one").isEqualTo(1);

        Reply again = register(b, "jane.doe", "jane@example.org", "1001-1", "1001-2");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(created.body());
        assertThat(state(b)).isEqualTo(after);

        Reply withPassword = call("POST", base(b) + "/users", b.webServiceKey(),
                "{\"username\":\"sam\",\"email\":\"sam@example.org\",\"accounts\":[\"1001-1\"],\"password\":\"correct horse\"}");
        assertThat(withPassword.status()).as(withPassword.body()).isEqualTo(201);
        assertThat(count("select count(*) from payer_token where biller_id = ? and purpose = 'SET_PASSWORD'", b.bid()))
                .as("a user registered with a password gets no link").isEqualTo(1);
        assertThat(directory.authenticate(b.bid(), "sam", "correct horse")).isPresent();

        Reply moreAccounts = register(b, "sam", "sam@example.org", "1001-1", "1001-2");
        assertThat(moreAccounts.status()).isEqualTo(200);
        assertThat(texts(moreAccounts, "accounts")).containsExactlyInAnyOrder("1001-1", "1001-2");
    }

    @Test
    void linkUnlinkEmailAndPasswordAreIdempotent() {
        TestBiller b = billerWith("2001-1", "2001-2", "2001-3");
        assertThat(register(b, "ann", "ann@example.org", "2001-1").status()).isEqualTo(201);

        Reply linked = call("POST", base(b) + "/users/ann/accounts", b.webServiceKey(), "{\"accounts\":[\"2001-2\",\"2001-3\"]}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(texts(linked, "accounts")).containsExactlyInAnyOrder("2001-1", "2001-2", "2001-3");
        List<Object> afterLink = state(b);
        Reply linkedAgain = call("POST", base(b) + "/users/ann/accounts", b.webServiceKey(), "{\"accounts\":[\"2001-2\",\"2001-3\"]}");
        assertThat(linkedAgain.status()).isEqualTo(200);
        assertThat(linkedAgain.body()).isEqualTo(linked.body());
        assertThat(state(b)).isEqualTo(afterLink);

        Reply unlinked = call("DELETE", base(b) + "/users/ann/accounts/2001-3", b.webServiceKey(), null);
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(texts(unlinked, "accounts")).containsExactlyInAnyOrder("2001-1", "2001-2");
        List<Object> afterUnlink = state(b);
        Reply unlinkedAgain = call("DELETE", base(b) + "/users/ann/accounts/2001-3", b.webServiceKey(), null);
        assertThat(unlinkedAgain.status()).isEqualTo(200);
        assertThat(unlinkedAgain.body()).isEqualTo(unlinked.body());
        assertThat(state(b)).isEqualTo(afterUnlink);

        Reply email = call("PUT", base(b) + "/users/ann/email", b.webServiceKey(), "{\"email\":\"ann.new@example.org\"}");
        assertThat(email.status()).as(email.body()).isEqualTo(200);
        assertThat(email.json().get("email").asText()).isEqualTo("ann.new@example.org");
        assertThat(call("PUT", base(b) + "/users/ann/email", b.webServiceKey(), "{\"email\":\"ann.new@example.org\"}").body())
                .isEqualTo(email.body());
        assertThat(jdbc.sql("select email from payer_user where biller_id = ? and username = 'ann'").param(b.bid())
                .query(String.class).single()).isEqualTo("ann.new@example.org");

        Reply password = call("PUT", base(b) + "/users/ann/password", b.webServiceKey(), "{\"password\":\"from the CIS portal\"}");
        assertThat(password.status()).as(password.body()).isEqualTo(200);
        assertThat(password.body()).doesNotContain("from the CIS portal").doesNotContain("argon");
        assertThat(call("PUT", base(b) + "/users/ann/password", b.webServiceKey(), "{\"password\":\"from the CIS portal\"}").status())
                .isEqualTo(200);
        assertThat(directory.authenticate(b.bid(), "ann", "from the CIS portal")).isPresent();
        assertThat(jdbc.sql("select password_hash from payer_user where biller_id = ? and username = 'ann'").param(b.bid())
                .query(String.class).single()).startsWith("$argon2id$");
    }

    @Test
    void theRegistrationOfAnAccountSaysWhetherItExistsAndWhoHoldsIt() {
        TestBiller b = billerWith("3001-1", "3001-2");
        assertThat(register(b, "bo", "bo@example.org", "3001-1").status()).isEqualTo(201);
        assertThat(register(b, "cy", "cy@example.org", "3001-1").status()).isEqualTo(201);

        Reply held = getJson(base(b) + "/accounts/3001-1/registration", b.webServiceKey());
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.json().get("exists").asBoolean()).isTrue();
        assertThat(held.json().get("registered").asBoolean()).isTrue();
        assertThat(texts(held, "users")).containsExactlyInAnyOrder("bo", "cy");

        Reply free = getJson(base(b) + "/accounts/3001-2/registration", b.webServiceKey());
        assertThat(free.json().get("exists").asBoolean()).isTrue();
        assertThat(free.json().get("registered").asBoolean()).isFalse();
        assertThat(texts(free, "users")).isEmpty();

        Reply unknown = getJson(base(b) + "/accounts/9999-9/registration", b.webServiceKey());
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("exists").asBoolean()).isFalse();
        assertThat(unknown.json().get("registered").asBoolean()).isFalse();
    }

    @Test
    void option79LimitsCoOwnersAndOption74OffAllowsOneUserPerAccountAndARefusalChangesNothing() {
        TestBiller b = billerWith("4001-1", "4001-2");
        billerService.setOption(b.bid(), ConfigCatalogue.OPT_MAX_CO_OWNERS, null, IntNode.valueOf(2), "test");
        assertThat(register(b, "u1", "u1@example.org", "4001-1").status()).isEqualTo(201);
        assertThat(register(b, "u2", "u2@example.org", "4001-1").status()).isEqualTo(201);
        List<Object> before = state(b);

        Reply third = register(b, "u3", "u3@example.org", "4001-2", "4001-1");
        assertThat(third.status()).as(third.body()).isEqualTo(422);
        assertThat(third.json().get("type").asText()).isEqualTo("https://ratepayer.org/problems/co-owner-limit");
        assertThat(third.json().get("code").asText()).isEqualTo("co_owner_limit");
        assertThat(third.json().get("field").asText()).isEqualTo("accounts");
        assertThat(third.json().get("detail").asText()).contains("4001-1").contains("option 79");
        assertThat(state(b)).as("neither the user nor its other account was stored").isEqualTo(before);

        Reply linkThird = call("POST", base(b) + "/users/u1/accounts", b.webServiceKey(), "{\"accounts\":[\"4001-2\"]}");
        assertThat(linkThird.status()).isEqualTo(200);
        assertThat(register(b, "u3", "u3@example.org", "4001-2").status()).isEqualTo(201);
        List<Object> beforeLink = state(b);
        Reply over = call("POST", base(b) + "/users/u3/accounts", b.webServiceKey(), "{\"accounts\":[\"4001-1\"]}");
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().get("code").asText()).isEqualTo("co_owner_limit");
        assertThat(state(b)).isEqualTo(beforeLink);

        TestBiller single = billerWith("4101-1");
        billerService.setOption(single.bid(), ConfigCatalogue.OPT_MULTIPLE_CUSTOMER_LOGIN, null,
                com.fasterxml.jackson.databind.node.BooleanNode.FALSE, "test");
        assertThat(register(single, "first", "first@example.org", "4101-1").status()).isEqualTo(201);
        List<Object> beforeSecond = state(single);
        Reply second = register(single, "second", "second@example.org", "4101-1");
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("account_already_registered");
        assertThat(state(single)).isEqualTo(beforeSecond);
        assertThat(register(single, "first", "first@example.org", "4101-1").status())
                .as("the user who holds it may register it again").isEqualTo(200);
    }

    @Test
    void refusalsNameTheProblemAndChangeNothing() {
        TestBiller b = billerWith("5001-1", "5001-2");
        TestBiller other = billerWith("5001-1");
        assertThat(register(b, "dee", "dee@example.org", "5001-1").status()).isEqualTo(201);
        List<Object> before = state(b);
        List<Object> otherBefore = state(other);

        Reply unknownAccount = register(b, "dee", "dee@example.org", "5001-2", "9999-9");
        assertThat(unknownAccount.status()).as(unknownAccount.body()).isEqualTo(404);
        assertThat(unknownAccount.json().get("code").asText()).isEqualTo("account_not_found");
        assertThat(unknownAccount.json().get("detail").asText()).contains("9999-9");
        Reply unknownLink = call("POST", base(b) + "/users/dee/accounts", b.webServiceKey(), "{\"accounts\":[\"5001-2\",\"9999-9\"]}");
        assertThat(unknownLink.status()).isEqualTo(404);
        assertThat(unknownLink.json().get("code").asText()).isEqualTo("account_not_found");
        Reply unknownUnlink = call("DELETE", base(b) + "/users/dee/accounts/9999-9", b.webServiceKey(), null);
        assertThat(unknownUnlink.status()).isEqualTo(404);
        assertThat(unknownUnlink.json().get("code").asText()).isEqualTo("account_not_found");

        for (Reply r : List.of(
                call("POST", base(b) + "/users/nobody/accounts", b.webServiceKey(), "{\"accounts\":[\"5001-2\"]}"),
                call("DELETE", base(b) + "/users/nobody/accounts/5001-1", b.webServiceKey(), null),
                call("PUT", base(b) + "/users/nobody/email", b.webServiceKey(), "{\"email\":\"n@example.org\"}"),
                call("PUT", base(b) + "/users/nobody/password", b.webServiceKey(), "{\"password\":\"long enough pass\"}"),
                call("POST", base(b) + "/users/nobody/tokens", b.webServiceKey(), "{}"))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("user_not_found");
        }

        assertThat(call("POST", base(b) + "/users", other.webServiceKey(),
                "{\"username\":\"eve\",\"email\":\"eve@example.org\",\"accounts\":[\"5001-1\"]}").status())
                .as("another biller's key").isEqualTo(403);
        assertThat(call("DELETE", base(b) + "/users/dee/accounts/5001-1", other.webServiceKey(), null).status()).isEqualTo(403);
        assertThat(getJson(base(b) + "/accounts/5001-1/registration", other.webServiceKey()).status()).isEqualTo(403);
        assertThat(call("POST", base(b) + "/users/dee/tokens", other.webServiceKey(), "{}").status()).isEqualTo(403);
        assertThat(call("PUT", base(b) + "/accounts/5001-1/paperless", other.webServiceKey(), "{\"enrolled\":true}").status())
                .isEqualTo(403);
        Reply apiKey = call("POST", base(b) + "/users", b.apiKey(),
                "{\"username\":\"eve\",\"email\":\"eve@example.org\",\"accounts\":[\"5001-1\"]}");
        assertThat(apiKey.status()).as("the biller's API key is not the CIS's").isEqualTo(403);
        assertThat(apiKey.json().get("detail").asText()).contains("WEB_SERVICE");
        assertThat(call("POST", base(b) + "/users", "rp_test_ws_nonsense", "{}").status()).isEqualTo(401);

        Reply malformed = call("POST", base(b) + "/users", b.webServiceKey(), "{\"username\":\"eve\",");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asText()).endsWith("/bad-request");
        Reply wrongType = call("POST", base(b) + "/users", b.webServiceKey(),
                "{\"username\":\"eve\",\"email\":\"eve@example.org\",\"accounts\":{\"a\":1}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("field").asText()).isEqualTo("accounts");
        Reply wrongEnrolled = call("PUT", base(b) + "/accounts/5001-1/paperless", b.webServiceKey(), "{\"enrolled\":\"maybe\"}");
        assertThat(wrongEnrolled.status()).isEqualTo(400);
        assertThat(wrongEnrolled.json().get("field").asText()).isEqualTo("enrolled");
        Reply noEnrolled = call("PUT", base(b) + "/accounts/5001-1/paperless", b.webServiceKey(), "{}");
        assertThat(noEnrolled.status()).isEqualTo(400);
        assertThat(noEnrolled.json().get("field").asText()).isEqualTo("enrolled");
        Reply noBody = call("POST", base(b) + "/users/dee/accounts", b.webServiceKey(), null);
        assertThat(noBody.status()).isEqualTo(400);
        Reply badEmail = register(b, "eve", "not-an-address", "5001-1");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("field").asText()).isEqualTo("email");
        Reply noAccounts = register(b, "eve", "eve@example.org");
        assertThat(noAccounts.status()).isEqualTo(400);
        assertThat(noAccounts.json().get("field").asText()).isEqualTo("accounts");
        Reply shortPassword = call("PUT", base(b) + "/users/dee/password", b.webServiceKey(), "{\"password\":\"short\"}");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("field").asText()).isEqualTo("password");
        Reply unknownPaperless = call("PUT", base(b) + "/accounts/9999-9/paperless", b.webServiceKey(), "{\"enrolled\":true}");
        assertThat(unknownPaperless.status()).isEqualTo(404);
        assertThat(unknownPaperless.json().get("code").asText()).isEqualTo("account_not_found");
        assertThat(state(b)).isEqualTo(before);
        assertThat(state(other)).isEqualTo(otherBefore);
    }

    private HttpResponse<String> followSignOn(String loginUrl) {
        try {
            return http.send(HttpRequest.newBuilder(java.net.URI.create(loginUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignOnTokenWorksOnceLandsOnItsTargetAndIsKeptOnlyAsAHash() {
        TestBiller b = billerWith("6001-1");
        assertThat(register(b, "flo", "flo@example.org", "6001-1").status()).isEqualTo(201);
        String target = "/portal/" + b.bid() + "/accounts/6001-1";
        Reply minted = call("POST", base(b) + "/users/flo/tokens", b.webServiceKey(), "{\"target\":\"" + target + "\"}");
        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        String token = minted.json().get("token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(minted.json().get("loginUrl").asText())
                .isEqualTo(url("/portal/" + b.bid() + "/sso?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        Instant expires = Instant.parse(minted.json().get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
        assertThat(count("select count(*) from payer_token where biller_id = ? and purpose = 'SSO' and target = ?", b.bid(), target))
                .isEqualTo(1);
        assertThat(count("select count(*) from payer_token where biller_id = ? and encode(token_hash, 'escape') like ?", b.bid(),
                "%" + token + "%")).as("only a hash is stored").isZero();

        HttpResponse<String> first = followSignOn(minted.json().get("loginUrl").asText());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith(target);

        HttpResponse<String> second = followSignOn(minted.json().get("loginUrl").asText());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("already been used or has expired");

        Reply unsafe = call("POST", base(b) + "/users/flo/tokens", b.webServiceKey(), "{\"target\":\"https://evil.example/steal\"}");
        assertThat(unsafe.status()).isEqualTo(200);
        HttpResponse<String> home = followSignOn(unsafe.json().get("loginUrl").asText());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).as("an unsafe target lands on the portal's home")
                .endsWith("/portal/" + b.bid()).doesNotContain("evil");
        Reply otherBiller = call("POST", base(b) + "/users/flo/tokens", b.webServiceKey(),
                "{\"target\":\"/portal/" + (b.bid() + 1) + "/accounts\"}");
        assertThat(followSignOn(otherBiller.json().get("loginUrl").asText()).headers().firstValue("Location").orElseThrow())
                .endsWith("/portal/" + b.bid());

        Reply noBody = call("POST", base(b) + "/users/flo/tokens", b.webServiceKey(), null);
        assertThat(noBody.status()).as("the body is optional").isEqualTo(200);
        assertThat(call("POST", base(b) + "/users/flo/tokens", b.webServiceKey(), "{}").json().get("token").asText())
                .as("each call mints a new token").isNotEqualTo(noBody.json().get("token").asText());
    }

    @Test
    void aSignOnTokenExpiresAfterTwoMinutes() {
        TestBiller b = billerWith("6101-1");
        assertThat(register(b, "gus", "gus@example.org", "6101-1").status()).isEqualTo(201);
        clock.set(Instant.now());
        Reply early = call("POST", base(b) + "/users/gus/tokens", b.webServiceKey(), "{}");
        Reply late = call("POST", base(b) + "/users/gus/tokens", b.webServiceKey(), "{}");
        assertThat(Instant.parse(late.json().get("expiresAt").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofSeconds(119));
        HttpResponse<String> inTime = followSignOn(early.json().get("loginUrl").asText());
        assertThat(inTime.statusCode()).isEqualTo(302);

        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> expired = followSignOn(late.json().get("loginUrl").asText());
        assertThat(expired.statusCode()).isEqualTo(200);
        assertThat(expired.body()).contains("already been used or has expired");
    }

    @Test
    void aPaperlessChangeMadeInTheCisIsRecordedAndNeverPostedBack() {
        TestBiller b = billerWith("7001-1", "7001-2");
        for (int s : new int[] {11, 14, 17}) {
            billerService.setSetting(b.bid(), s, TextNode.valueOf("http://127.0.0.1:9/soap"), "test");
            billerService.setSetting(b.bid(), s + 1, TextNode.valueOf("InvoiceCloud"), "test");
            billerService.setSetting(b.bid(), s + 2, TextNode.valueOf("secret"), "test");
        }
        String path = base(b) + "/accounts/7001-1/paperless";
        Reply on = call("PUT", path, b.webServiceKey(), "{\"enrolled\":true}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("accountNumber").asText()).isEqualTo("7001-1");
        assertThat(on.json().get("enrolled").asBoolean()).isTrue();
        assertThat(on.json().get("changed").asBoolean()).isTrue();
        Reply again = call("PUT", path, b.webServiceKey(), "{\"enrolled\":true}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("changed").asBoolean()).isFalse();
        assertThat(jdbc.sql("select enrolled from paperless_enrolment where biller_id = ? and account_number = '7001-1'")
                .param(b.bid()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select changed_by from paperless_enrolment where biller_id = ? and account_number = '7001-1'")
                .param(b.bid()).query(String.class).single()).contains("web_service");
        assertThat(getJson("/api/v1/billers/" + b.bid() + "/accounts/7001-1/paperless", b.apiKey()).json().get("enrolled")
                .asBoolean()).isTrue();
        assertThat(call("PUT", path, b.webServiceKey(), "{\"enrolled\":false}").json().get("changed").asBoolean()).isTrue();
        assertThat(count("select count(*) from posting where biller_id = ?", b.bid())).as("nothing is posted back to the CIS").isZero();

        Reply here = call("PUT", "/api/v1/billers/" + b.bid() + "/accounts/7001-2/paperless", b.apiKey(), "{\"enrolled\":true}");
        assertThat(here.status()).as(here.body()).isEqualTo(200);
        assertThat(count("select count(*) from posting where biller_id = ? and kind = 'CIS_PAPERLESS'", b.bid()))
                .as("a change made here is posted, so the CIS-made one was held back on purpose").isEqualTo(1);
    }
}
