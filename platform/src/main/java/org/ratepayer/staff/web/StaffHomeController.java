package org.ratepayer.staff.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
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

    StaffHomeController(StaffSignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping("/staff/{bid}")
    String home(@PathVariable long bid, SignedInStaff staff) {
        return "staff/home";
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
