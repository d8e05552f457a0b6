package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ratepayer.billers.BillerService;
import org.ratepayer.payers.Invitations;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.PayerRules;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.payers.internal.PortalAccounts;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.shared.web.PayerPage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * An account's co-owners in the portal (docs/payers-self-service.md): who holds it, the open invitations, inviting
 * an email address and removing a co-owner; and the page an invitation link opens. Every account in a path is
 * checked against what the payer holds now; one that is not theirs answers 404, like one that does not exist.
 */
@Controller
@PayerPage
class PortalCoOwnersController {

    private final BillerService billers;
    private final PortalAccounts accounts;
    private final PayerDirectory directory;
    private final Invitations invitations;
    private final Throttle throttle;

    /** Usernames hold no control characters (PayerRules.checkUsername), so no payer's sign-in budget is this one. */
    private static final String LINK_KEY = "\u0001invitation-link:";

    PortalCoOwnersController(BillerService billers, PortalAccounts accounts, PayerDirectory directory, Invitations invitations,
            Throttle throttle) {
        this.throttle = throttle;
        this.billers = billers;
        this.accounts = accounts;
        this.directory = directory;
        this.invitations = invitations;
    }

    private static String page(long bid, String account) {
        return "/portal/" + bid + "/accounts/" + UriUtils.encodePathSegment(account, StandardCharsets.UTF_8) + "/co-owners";
    }

    private String held(SignedInPayer signedIn, String account) {
        return accounts.held(signedIn, account).orElseThrow(() -> new NotFoundException("no account " + account));
    }

    @GetMapping("/portal/{bid}/accounts/{account}/co-owners")
    String coOwners(@PathVariable long bid, @PathVariable String account, SignedInPayer signedIn,
            @RequestParam(required = false) String done, Model model) {
        return show(bid, held(signedIn, account), signedIn, model, Map.of(), "", done == null ? null : switch (done) {
            case "invited" -> "The invitation is on its way.";
            case "cancelled" -> "The invitation is withdrawn.";
            case "removed" -> "The co-owner is removed.";
            default -> null;
        });
    }

    private String show(long bid, String account, SignedInPayer signedIn, Model model, Map<String, String> errors, String email,
            String notice) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
        model.addAttribute("account", account);
        model.addAttribute("users", directory.registration(bid, account).users());
        boolean allowed = invitations.allowed(bid);
        model.addAttribute("invitationsAllowed", allowed);
        model.addAttribute("pending", allowed ? invitations.pending(bid, signedIn.userId(), account) : List.of());
        model.addAttribute("errors", errors);
        model.addAttribute("email", email);
        model.addAttribute("notice", notice);
        return "portal/co-owners";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/co-owners/invite")
    String invite(@PathVariable long bid, @PathVariable String account, @RequestParam(defaultValue = "") String email,
            SignedInPayer signedIn, Model model) {
        String held = held(signedIn, account);
        if (email.isBlank()) {
            return show(bid, held, signedIn, model, Map.of("email", "Enter the email address to invite."), email, null);
        }
        try {
            invitations.invite(bid, signedIn.userId(), held, email.strip());
        } catch (PayerRefusal e) {
            return show(bid, held, signedIn, model, PortalForms.fieldError(e, "email"), email, null);
        }
        return "redirect:" + page(bid, held) + "?done=invited";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/co-owners/cancel")
    String cancel(@PathVariable long bid, @PathVariable String account, @RequestParam UUID invitation, SignedInPayer signedIn) {
        String held = held(signedIn, account);
        invitations.cancel(bid, signedIn.userId(), held, invitation);
        return "redirect:" + page(bid, held) + "?done=cancelled";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/co-owners/remove")
    String remove(@PathVariable long bid, @PathVariable String account, @RequestParam(defaultValue = "") String username,
            SignedInPayer signedIn) {
        String held = held(signedIn, account);
        invitations.removeCoOwner(bid, signedIn.userId(), held, username);
        // Removing oneself leaves the account behind: its page is no longer theirs.
        return signedIn.username().equalsIgnoreCase(username) ? "redirect:" + PayerRules.home(bid)
                : "redirect:" + page(bid, held) + "?done=removed";
    }

    /**
     * The page an invitation link opens. A signed-in payer accepts with one button; a visitor may sign in first (and
     * come back here), or, having no login, choose a username and password here: the invited email address is theirs,
     * as following the link proved. A link to register again after a conversion opens the same page, worded for it, on
     * any biller.
     */
    @GetMapping("/portal/{bid}/invitations/accept")
    String acceptPage(@PathVariable long bid, @RequestParam(defaultValue = "") String token, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        Optional<SignedInPayer> signedIn = PortalSession.current(request, bid);
        model.addAttribute("payer", signedIn.orElse(null));
        Optional<Invitations.Link> link = link(bid, token, request, response, model);
        if (link.isEmpty()) {
            return "portal/invitation-used";
        }
        // a link to register again after a conversion suggests the username the person had (docs/conversion.md, "Payers")
        String suggested = link.get().reRegistration() && link.get().formerUsername() != null ? link.get().formerUsername() : "";
        return acceptForm(bid, link.get(), token, Map.of(), suggested, model);
    }

    /**
     * The link, while usable. A dead link (unknown, used, withdrawn, expired) counts as a failed sign-in against the
     * client's address (the sign-in page's growing waits, docs/throttling.md), as this page ends in a login: a 429 says
     * how long to wait. A working link costs nothing.
     */
    private Optional<Invitations.Link> link(long bid, String token, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Throttle.Outcome<Invitations.Link> found = throttle.signIn(request.getRemoteAddr(), bid, LINK_KEY + token,
                () -> invitations.link(bid, token));
        if (found.refused()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(found.retryAfterSeconds()));
            model.addAttribute("reason", "Too many links that could not be used were opened. For your security, please try again in "
                    + TooManyAttempts.inWords(found.retryAfterSeconds()) + ".");
        }
        return found.passed();
    }

    private String acceptForm(long bid, Invitations.Link link, String token, Map<String, String> errors, String username, Model model) {
        model.addAttribute("account", link.accountNumber());
        model.addAttribute("reRegistration", link.reRegistration());
        model.addAttribute("token", token);
        model.addAttribute("errors", errors);
        model.addAttribute("username", username);
        String here = PayerRules.home(bid) + "/invitations/accept?token=" + UriUtils.encodeQueryParam(token, StandardCharsets.UTF_8);
        model.addAttribute("signInUrl", UriComponentsBuilder.fromPath(PayerRules.home(bid) + "/sign-in").queryParam("next", here)
                .encode().build().toUriString());
        return "portal/accept";
    }

    /** Someone invited who has no login registers from the invitation, and is signed in as the account's new co-owner. */
    @PostMapping("/portal/{bid}/invitations/register")
    String register(@PathVariable long bid, @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", null);
        Optional<Invitations.Link> link = link(bid, token, request, response, model);
        if (link.isEmpty()) {
            return "portal/invitation-used";
        }
        Map<String, String> errors = PortalForms.missingCredentials(username, password);
        if (errors.isEmpty()) {
            try {
                Optional<Payer> payer = invitations.register(bid, token, username.strip(), password);
                if (payer.isEmpty()) {
                    return "portal/invitation-used";
                }
                PortalSession.signIn(request, payer.get());
                return "redirect:" + PayerRules.home(bid);
            } catch (PayerRefusal e) {
                if (!"username".equals(e.field()) && !"password".equals(e.field())) {
                    // Option 79's limit (or one user per account): the account filled up since the invitation.
                    model.addAttribute("reason", "The account already has all the online users it may have.");
                    return "portal/invitation-used";
                }
                errors.putAll(PortalForms.fieldError(e, "username"));
            }
        }
        return acceptForm(bid, link.get(), token, errors, username, model);
    }

    @PostMapping("/portal/{bid}/invitations/accept")
    String accept(@PathVariable long bid, @RequestParam(defaultValue = "") String token, SignedInPayer signedIn, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
        Optional<Payer> accepted;
        try {
            accepted = invitations.accept(bid, token, signedIn.userId());
        } catch (PayerRefusal e) {
            model.addAttribute("reason", "The account already has all the online users it may have.");
            return "portal/invitation-used";
        }
        return accepted.isPresent() ? "redirect:" + PayerRules.home(bid) : "portal/invitation-used";
    }
}
