package org.ratepayer.staff.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ratepayer.reports.ChartData;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffPage;
import org.ratepayer.staff.internal.StaffSignIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff portal's home page (its charts section is a slot for the charts, docs/staff-portal.md) and the page
 * where a user chooses their own password, which the guard sends them to while they hold an issued one.
 */
@Controller
@StaffPage
class StaffHomeController {

    private final StaffSignIn signIn;
    private final ChartData charts;

    StaffHomeController(StaffSignIn signIn, ChartData charts) {
        this.signIn = signIn;
        this.charts = charts;
    }

    /** An authenticator being set up by its signed-in user: the secret waits here until a code from it is shown. */
    record Enrolling(long bid, long userId, String secret) implements java.io.Serializable {
    }

    static final String ENROLLING = "ratepayer.staff.enrolling";

    @GetMapping("/staff/{bid}")
    String home(@PathVariable long bid, SignedInStaff staff, Model model) {
        // the charts' figures, for their tables (templates/staff/charts.html); the script draws them from charts.json
        model.addAttribute("charts", charts.charts(bid));
        model.addAttribute("totpEnrolled", signIn.user(bid, staff.userId()).map(u -> u.totpSecret() != null).orElse(false));
        return "staff/home";
    }

    /**
     * A CSR or read-only user may add an authenticator of their own (administrators enrol one at their first
     * sign-in): from then on their sign-in asks for its code. Securing one's own sign-in is no write to the biller's
     * data, so read-only users may too.
     */
    @GetMapping("/staff/{bid}/authenticator")
    String authenticatorPage(@PathVariable long bid, SignedInStaff staff, HttpServletRequest request, Model model) {
        if (signIn.user(bid, staff.userId()).map(u -> u.totpSecret() != null).orElse(false)) {
            model.addAttribute("enrolled", true);
            return "staff/authenticator";
        }
        // The same key until it is confirmed: reloading the page must not invalidate what the app already holds.
        Object pending = request.getSession().getAttribute(ENROLLING);
        String secret = pending instanceof Enrolling e && e.bid() == bid && e.userId() == staff.userId() ? e.secret()
                : signIn.newSecret();
        request.getSession().setAttribute(ENROLLING, new Enrolling(bid, staff.userId(), secret));
        enrolModel(model, staff, secret);
        return "staff/authenticator";
    }

    @PostMapping("/staff/{bid}/authenticator")
    String enrol(@PathVariable long bid, SignedInStaff staff, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, Model model, jakarta.servlet.http.HttpServletResponse response) {
        Object pending = request.getSession().getAttribute(ENROLLING);
        if (!(pending instanceof Enrolling e) || e.bid() != bid || e.userId() != staff.userId()) {
            return "redirect:" + StaffLinks.home(bid) + "/authenticator";
        }
        var user = signIn.user(bid, staff.userId()).orElseThrow();
        if (user.totpSecret() != null || !signIn.enrol(user, e.secret(), code)) {
            response.setStatus(org.springframework.http.HttpStatus.BAD_REQUEST.value());
            enrolModel(model, staff, e.secret());
            model.addAttribute("error", StaffSignInController.CODE_NOT_RIGHT);
            return "staff/authenticator";
        }
        request.getSession().removeAttribute(ENROLLING);
        return "redirect:" + StaffLinks.home(bid) + "?authenticatorAdded";
    }

    private static void enrolModel(Model model, SignedInStaff staff, String secret) {
        org.ratepayer.billers.Biller biller = (org.ratepayer.billers.Biller) model.getAttribute("biller");
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("otpauth", org.ratepayer.staff.internal.Totp.uri("Ratepayer " + (biller == null ? "" : biller.name()),
                staff.username(), secret));
    }

    @GetMapping("/staff/{bid}/password")
    String passwordPage(@PathVariable long bid, SignedInStaff staff, Model model) {
        mustChange(staff, model);
        return "staff/password";
    }

    /** Choosing one's own password is no write to the biller's data: read-only users may too. */
    @PostMapping("/staff/{bid}/password")
    String choosePassword(@PathVariable long bid, SignedInStaff staff, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String again, HttpServletRequest request, Model model) {
        Optional<String> refused = signIn.choosePassword(staff, password, again);
        if (refused.isPresent()) {
            mustChange(staff, model);
            model.addAttribute("error", refused.get());
            return "staff/password";
        }
        return "redirect:" + StaffLinks.home(bid) + "?passwordChanged";
    }

    private void mustChange(SignedInStaff staff, Model model) {
        model.addAttribute("mustChange", signIn.user(staff.bid(), staff.userId()).map(u -> u.mustChangePassword()).orElse(false));
    }
}
