package org.ratepayer.staff.web;

import java.util.Map;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffPage;
import org.ratepayer.staff.StaffRefusal;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUser;
import org.ratepayer.staff.StaffUsers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The Users page (docs/staff-portal.md, "Users"): everyone may read the list; only administrators create, disable,
 * enable and reset. A one-time password is shown once, on the page that issued it. Every change is audited by
 * {@link StaffUsers}.
 */
@Controller
@StaffPage
class StaffUsersController {

    private final StaffUsers users;

    StaffUsersController(StaffUsers users) {
        this.users = users;
    }

    @GetMapping("/staff/{bid}/users")
    String list(@PathVariable long bid, SignedInStaff staff, Model model) {
        return page(bid, model);
    }

    @PostMapping("/staff/{bid}/users")
    String create(@PathVariable long bid, SignedInStaff staff, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "false") boolean partnerSupport, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        StaffRole chosen = null;
        try {
            chosen = StaffRole.valueOf(role);
        } catch (IllegalArgumentException e) {
            // refused below as "Choose a role."
        }
        try {
            StaffUsers.IssuedPassword issued = users.create(staff, username, email, chosen, partnerSupport);
            model.addAttribute("issued", issued);
        } catch (StaffRefusal e) {
            response.setStatus(e.kind() == StaffRefusal.Kind.CONFLICT ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", Map.of(e.field(), e.getMessage()));
            model.addAttribute("form", Map.of("username", username, "email", email, "role", role, "partnerSupport", partnerSupport));
        }
        return page(bid, model);
    }

    @PostMapping("/staff/{bid}/users/{userId}/disable")
    String disable(@PathVariable long bid, @PathVariable long userId, SignedInStaff staff, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        try {
            StaffUser u = users.setEnabled(staff, userId, false);
            model.addAttribute("notice", u.username() + " is disabled and can no longer sign in.");
        } catch (StaffRefusal e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("error", e.getMessage());
        }
        return page(bid, model);
    }

    @PostMapping("/staff/{bid}/users/{userId}/enable")
    String enable(@PathVariable long bid, @PathVariable long userId, SignedInStaff staff, Model model) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        StaffUser u = users.setEnabled(staff, userId, true);
        model.addAttribute("notice", u.username() + " is enabled again.");
        return page(bid, model);
    }

    @PostMapping("/staff/{bid}/users/{userId}/reset-password")
    String resetPassword(@PathVariable long bid, @PathVariable long userId, SignedInStaff staff, Model model) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        model.addAttribute("issued", users.resetPassword(staff, userId));
        return page(bid, model);
    }

    @PostMapping("/staff/{bid}/users/{userId}/reset-totp")
    String resetTotp(@PathVariable long bid, @PathVariable long userId, SignedInStaff staff, Model model) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        StaffUser u = users.resetTotp(staff, userId);
        model.addAttribute("notice", u.username() + "'s authenticator is forgotten"
                + (u.role().requiresTotp() ? "; they set up a new one at their next sign-in." : "."));
        return page(bid, model);
    }

    private String page(long bid, Model model) {
        model.addAttribute("users", users.list(bid));
        model.addAttribute("roles", StaffRole.values());
        model.addAttribute("billable", users.billableCount(bid));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of("username", "", "email", "", "role", "CSR", "partnerSupport", false));
        }
        return "staff/users";
    }
}
