package org.ratepayer.staff.web;

import java.time.Instant;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.staff.StaffRole;
import org.ratepayer.staff.StaffUsers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator creates a biller's first staff administrator (docs/staff-portal.md, "The first administrator"): the
 * answer carries a one-time password, given to the administrator out of band, replaced at their first sign-in.
 */
@RestController
class StaffUsersApi {

    record NewAdministrator(String username, String email) {
    }

    record CreatedStaffUser(long userId, long bid, String username, String email, StaffRole role, Instant createdAt,
            String oneTimePassword, String signInPath) {
    }

    private final StaffUsers users;

    StaffUsersApi(StaffUsers users) {
        this.users = users;
    }

    @PostMapping("/api/v1/billers/{bid}/staff-users")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedStaffUser create(@PathVariable long bid, @RequestBody NewAdministrator body, Caller caller) {
        caller.requireOperator();
        StaffUsers.IssuedPassword issued = users.createAdministrator(bid, body.username(), body.email());
        var u = issued.user();
        return new CreatedStaffUser(u.userId(), u.bid(), u.username(), u.email(), u.role(), u.createdAt(),
                issued.oneTimePassword(), "/staff/" + bid + "/sign-in");
    }
}
