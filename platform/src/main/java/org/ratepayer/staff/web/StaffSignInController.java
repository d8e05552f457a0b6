package org.ratepayer.staff.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.ratepayer.staff.internal.StaffRepository;
import org.ratepayer.staff.internal.StaffSignIn;
import org.ratepayer.staff.internal.Totp;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in to the staff portal (docs/staff-portal.md, "Signing in"): the password, then a TOTP code (or, for an
 * administrator without one, enrolling an authenticator: the secret as text and as an otpauth:// URI, no QR service),
 * then a password of one's own if the one held was issued. Every failure of a step has one message; passwords and
 * codes are slowed down per address and per username by the shared throttle, each with its own budget.
 */
@Controller
@StaffPage
class StaffSignInController {

    static final String NOT_RIGHT = "The username or password is not right.";
    static final String CODE_NOT_RIGHT = "That code is not right, or was already used. Enter the code your authenticator shows now.";

    private final BillerService billers;
    private final StaffSignIn signIn;
    private final Throttle throttle;
    private final StaffAudit audit;

    StaffSignInController(BillerService billers, StaffSignIn signIn, Throttle throttle, StaffAudit audit) {
        this.billers = billers;
        this.signIn = signIn;
        this.throttle = throttle;
        this.audit = audit;
    }

    @GetMapping("/staff/{bid}/sign-in")
    String page(@PathVariable long bid, @RequestParam(required = false) String next,
            @RequestParam(required = false) String signedOut, HttpServletRequest request, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        if (StaffSession.current(request, bid).isPresent()) {
            return "redirect:" + StaffLinks.safeTarget(bid, next);
        }
        model.addAttribute("next", StaffLinks.safeTarget(bid, next));
        if (signedOut != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        return "staff/sign-in";
    }

    @PostMapping("/staff/{bid}/sign-in")
    String password(@PathVariable long bid, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        String target = StaffLinks.safeTarget(bid, next);
        model.addAttribute("next", target);
        model.addAttribute("username", username);
        if (username.isBlank() || password.isEmpty()) {
            model.addAttribute("error", "Enter your username and your password.");
            return "staff/sign-in";
        }
        // Budgets of their own ("staff:"): a payer and a staff user of the same name do not slow each other down.
        Throttle.Outcome<StaffRepository.Row> outcome = throttle.signIn(request.getRemoteAddr(), bid, "staff:" + username,
                () -> signIn.password(bid, username, password));
        if (refused(outcome, response, model)) {
            return "staff/sign-in";
        }
        if (outcome.passed().isEmpty()) {
            model.addAttribute("error", NOT_RIGHT);
            return "staff/sign-in";
        }
        StaffRepository.Row user = outcome.passed().get();
        if (user.totpSecret() != null) {
            StaffSession.pending(request, new StaffSession.Pending(bid, user.userId(), null));
            return "redirect:" + StaffLinks.home(bid) + "/sign-in/code?next=" + encoded(target);
        }
        if (user.role().requiresTotp()) {
            StaffSession.pending(request, new StaffSession.Pending(bid, user.userId(), signIn.newSecret()));
            return "redirect:" + StaffLinks.home(bid) + "/sign-in/enrol?next=" + encoded(target);
        }
        return complete(request, user, target);
    }

    @GetMapping("/staff/{bid}/sign-in/code")
    String codePage(@PathVariable long bid, @RequestParam(required = false) String next, HttpServletRequest request, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        if (pendingUser(request, bid).isEmpty()) {
            return "redirect:" + StaffLinks.home(bid) + "/sign-in";
        }
        model.addAttribute("next", StaffLinks.safeTarget(bid, next));
        return "staff/sign-in-code";
    }

    @PostMapping("/staff/{bid}/sign-in/code")
    String code(@PathVariable long bid, @RequestParam(defaultValue = "") String code, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("biller", billers.cachedBiller(bid));
        String target = StaffLinks.safeTarget(bid, next);
        model.addAttribute("next", target);
        Optional<StaffRepository.Row> pending = pendingUser(request, bid);
        if (pending.isEmpty() || pending.get().totpSecret() == null) {
            return "redirect:" + StaffLinks.home(bid) + "/sign-in";
        }
        StaffRepository.Row user = pending.get();
        Throttle.Outcome<StaffRepository.Row> outcome = throttle.signIn(request.getRemoteAddr(), bid, "staff-code:" + user.username(),
                () -> signIn.code(user, code) ? Optional.of(user) : Optional.empty());
        if (refused(outcome, response, model)) {
            return "staff/sign-in-code";
        }
        if (outcome.passed().isEmpty()) {
            model.addAttribute("error", CODE_NOT_RIGHT);
            return "staff/sign-in-code";
        }
        return complete(request, user, target);
    }

    @GetMapping("/staff/{bid}/sign-in/enrol")
    String enrolPage(@PathVariable long bid, @RequestParam(required = false) String next, HttpServletRequest request, Model model) {
        Biller biller = billers.cachedBiller(bid);
        model.addAttribute("biller", biller);
        Optional<StaffSession.Pending> pending = StaffSession.pending(request, bid).filter(p -> p.enrolSecret() != null);
        Optional<StaffRepository.Row> user = pendingUser(request, bid);
        if (pending.isEmpty() || user.isEmpty()) {
            return "redirect:" + StaffLinks.home(bid) + "/sign-in";
        }
        enrolModel(model, biller, user.get(), pending.get().enrolSecret());
        model.addAttribute("next", StaffLinks.safeTarget(bid, next));
        return "staff/sign-in-enrol";
    }

    @PostMapping("/staff/{bid}/sign-in/enrol")
    String enrol(@PathVariable long bid, @RequestParam(defaultValue = "") String code, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Biller biller = billers.cachedBiller(bid);
        model.addAttribute("biller", biller);
        String target = StaffLinks.safeTarget(bid, next);
        model.addAttribute("next", target);
        Optional<StaffSession.Pending> pending = StaffSession.pending(request, bid).filter(p -> p.enrolSecret() != null);
        Optional<StaffRepository.Row> found = pendingUser(request, bid);
        if (pending.isEmpty() || found.isEmpty()) {
            return "redirect:" + StaffLinks.home(bid) + "/sign-in";
        }
        StaffRepository.Row user = found.get();
        String secret = pending.get().enrolSecret();
        enrolModel(model, biller, user, secret);
        Throttle.Outcome<StaffRepository.Row> outcome = throttle.signIn(request.getRemoteAddr(), bid, "staff-code:" + user.username(),
                () -> signIn.enrol(user, secret, code) ? Optional.of(user) : Optional.empty());
        if (refused(outcome, response, model)) {
            return "staff/sign-in-enrol";
        }
        if (outcome.passed().isEmpty()) {
            model.addAttribute("error", CODE_NOT_RIGHT);
            return "staff/sign-in-enrol";
        }
        return complete(request, user, target);
    }

    @PostMapping("/staff/{bid}/sign-out")
    String signOut(@PathVariable long bid, HttpServletRequest request) {
        StaffSession.current(request, bid).ifPresent(s -> audit.record(s, "staff.sign-out", "user " + s.username(), null, null));
        StaffSession.signOut(request);
        return "redirect:" + StaffLinks.home(bid) + "/sign-in?signedOut";
    }

    private String complete(HttpServletRequest request, StaffRepository.Row user, String target) {
        SignedInStaff staff = new SignedInStaff(user.bid(), user.userId(), user.username(), user.role(), user.partnerSupport());
        StaffSession.signIn(request, staff);
        signIn.signedIn(user.userId());
        audit.record(staff, "staff.sign-in", "user " + user.username(), null, null);
        // The guard sends a user holding an issued password to choose their own before anything else.
        return "redirect:" + target;
    }

    private Optional<StaffRepository.Row> pendingUser(HttpServletRequest request, long bid) {
        return StaffSession.pending(request, bid).flatMap(p -> signIn.user(bid, p.userId())).filter(StaffRepository.Row::enabled);
    }

    private static void enrolModel(Model model, Biller biller, StaffRepository.Row user, String secret) {
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("otpauth", Totp.uri("Ratepayer " + biller.name(), user.username(), secret));
    }

    private static boolean refused(Throttle.Outcome<?> outcome, HttpServletResponse response, Model model) {
        if (!outcome.refused()) {
            return false;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds()));
        model.addAttribute("error", "Too many unsuccessful attempts. For your security, please try again in "
                + TooManyAttempts.inWords(outcome.retryAfterSeconds()) + ".");
        return true;
    }

    private static String encoded(String target) {
        return java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8);
    }
}
