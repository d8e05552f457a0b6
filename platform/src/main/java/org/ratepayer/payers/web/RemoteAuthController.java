package org.ratepayer.payers.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.enrolments.PaperlessEnrolments;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.shared.config.PublicUrl;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Remote registration: the CIS's portal registers and manages the biller's portal users, mints single sign-on
 * links, asks who holds an account, and tells us of paperless changes its staff made (docs/api.md, "Remote
 * registration"; docs/payers-remote-registration.md). Called with the biller's web-service key, the CIS's own.
 * Every call but minting a token is idempotent: the same call twice leaves the same state and answers the same.
 */
@RestController
@RequestMapping("/api/v1/billers/{bid}/remote-auth")
public class RemoteAuthController {

    private final PayerDirectory directory;
    private final PaperlessEnrolments paperless;
    private final PublicUrl publicUrl;
    private final RenumberedAccounts renumbered;

    public RemoteAuthController(PayerDirectory directory, PaperlessEnrolments paperless, PublicUrl publicUrl,
            RenumberedAccounts renumbered) {
        this.renumbered = renumbered;
        this.directory = directory;
        this.paperless = paperless;
        this.publicUrl = publicUrl;
    }

    /** A user to register with all its accounts; without a password the user is emailed a link to set one. */
    public record RegisterRequest(String username, String email, List<String> accounts, String password) {
        @Override
        public String toString() {
            return "RegisterRequest[username=" + username + ", accounts=" + accounts + "]";
        }
    }

    public record AccountsRequest(List<String> accounts) {
    }

    public record EmailRequest(String email) {
    }

    public record PasswordRequest(String password) {
        @Override
        public String toString() {
            return "PasswordRequest[]";
        }
    }

    /** Where the signed-on payer lands: a path of this biller's portal; anything else lands on its home. */
    public record TokenRequest(String target) {
    }

    public record PaperlessRequest(Boolean enrolled) {
    }

    /** A portal user and the accounts it holds (each as a co-owner). */
    public record UserView(String username, String email, List<String> accounts) {
        static UserView of(Payer p) {
            return new UserView(p.username(), p.email(), p.accounts());
        }
    }

    /** A single sign-on token, shown once: the payer follows {@code loginUrl} within two minutes, once. */
    public record TokenView(String token, Instant expiresAt, String loginUrl) {
        @Override
        public String toString() {
            return "TokenView[expiresAt=" + expiresAt + "]";
        }
    }

    /** Whether the biller has the account, and which users hold it. */
    public record RegistrationView(String accountNumber, boolean exists, boolean registered, List<String> users) {
    }

    /** An account's paperless state; {@code changed} false when it already was so (then nothing was recorded). */
    public record PaperlessView(String accountNumber, boolean enrolled, boolean changed) {
    }

    @PostMapping("/users")
    @ApiResponse(responseCode = "201", description = "User created, with its accounts",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @ApiResponse(responseCode = "200", description = "User existed; missing accounts linked, email (and password) taken",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    public ResponseEntity<UserView> remoteRegister(@PathVariable long bid, Caller caller, @RequestBody RegisterRequest request) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        PayerDirectory.Registration r = directory.register(bid, request.username(), request.email(), request.accounts(),
                request.password());
        return ResponseEntity.status(r.created() ? 201 : 200).body(UserView.of(r.payer()));
    }

    @PostMapping("/users/{username}/accounts")
    public UserView remoteLinkAccounts(@PathVariable long bid, @PathVariable String username, Caller caller,
            @RequestBody AccountsRequest request) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        return UserView.of(directory.linkAccounts(bid, username, request.accounts()));
    }

    @DeleteMapping("/users/{username}/accounts/{account}")
    public UserView remoteUnlinkAccount(@PathVariable long bid, @PathVariable String username, @PathVariable("account") String named, Caller caller) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        // an old number after a conversion stands for the account's new one, as when linking (docs/conversion-old-numbers.md)
        String account = renumbered.resolve(bid, named);
        Payer payer = directory.find(bid, username).orElseThrow(() -> new PayerRefusal(Kind.NOT_FOUND, "user_not_found",
                "username", "biller " + bid + " has no user " + username));
        if (!payer.holds(account) && !directory.registration(bid, account).exists()) {
            throw new PayerRefusal(Kind.NOT_FOUND, "account_not_found", "account", "biller " + bid + " has no account " + account);
        }
        return UserView.of(directory.unlinkAccount(bid, username, account));
    }

    @PutMapping("/users/{username}/email")
    public UserView remoteChangeEmail(@PathVariable long bid, @PathVariable String username, Caller caller, @RequestBody EmailRequest request) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        return UserView.of(directory.changeEmail(bid, username, request.email()));
    }

    @PutMapping("/users/{username}/password")
    public UserView remoteChangePassword(@PathVariable long bid, @PathVariable String username, Caller caller,
            @RequestBody PasswordRequest request) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        return UserView.of(directory.changePassword(bid, username, request.password()));
    }

    /** Each call mints a new token (the one call that is not idempotent); the answer is never cached. */
    @PostMapping("/users/{username}/tokens")
    public ResponseEntity<TokenView> remoteSignOnToken(@PathVariable long bid, @PathVariable String username, Caller caller,
            @RequestBody(required = false) TokenRequest request) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        PayerDirectory.SsoToken t = directory.mintSignOn(bid, username, request == null ? null : request.target());
        // The public URL, never the request's Host: a forged Host must not make us hand out a link to another site.
        String loginUrl = publicUrl.link("/portal/" + bid + "/sso?token=" + t.token());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new TokenView(t.token(), t.expiresAt(), loginUrl));
    }

    @GetMapping("/accounts/{account}/registration")
    public RegistrationView remoteAccountRegistration(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        // an old number after a conversion answers for the account's new one, which accountNumber names
        // (docs/conversion-old-numbers.md)
        PayerDirectory.AccountRegistration r = directory.registration(bid, renumbered.resolve(bid, account));
        return new RegistrationView(r.accountNumber(), r.exists(), r.registered(), r.users());
    }

    /** A paperless change the CIS's staff made there: recorded here, never posted back to the CIS. */
    @PutMapping("/accounts/{account}/paperless")
    public PaperlessView remoteCisPaperless(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestBody PaperlessRequest request) {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        if (request.enrolled() == null) {
            throw new BadRequestException("enrolled", "required: true or false");
        }
        PaperlessEnrolments.Result r = paperless.set(bid, account, request.enrolled(), caller);
        return new PaperlessView(r.accountNumber(), r.enrolled(), r.changed());
    }
}
