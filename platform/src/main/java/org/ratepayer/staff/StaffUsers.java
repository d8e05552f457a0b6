package org.ratepayer.staff;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.Refusal;
import org.ratepayer.staff.internal.StaffPasswords;
import org.ratepayer.staff.internal.StaffRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and managing a biller's staff users (docs/staff-portal.md, "Users"). The operator creates the first
 * administrator (REST or CLI); administrators create the rest. Someone else's choice of password is a one-time
 * password, shown once to whoever created it, that the user must replace at their first sign-in. Every change is
 * in the audit log.
 */
@Service
public class StaffUsers {

    /** A user whose password was just chosen for them: shown once, never stored in the clear. */
    public record IssuedPassword(StaffUser user, String oneTimePassword) {
    }

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private final StaffRepository repo;
    private final StaffPasswords passwords;
    private final StaffAudit audit;
    private final BillerService billers;
    private final Clock clock;

    public StaffUsers(StaffRepository repo, StaffPasswords passwords, StaffAudit audit, BillerService billers, Clock clock) {
        this.repo = repo;
        this.passwords = passwords;
        this.audit = audit;
        this.billers = billers;
        this.clock = clock;
    }

    /** The operator's first administrator of a biller (or another one: the operator may always add one). */
    @Transactional
    public IssuedPassword createAdministrator(long bid, String username, String email) {
        billers.require(bid);
        IssuedPassword issued = insert(bid, username, email, StaffRole.ADMINISTRATOR, false);
        audit.recordOperator(bid, "staff.create", "user " + issued.user().username(), null, shown(issued.user()));
        return issued;
    }

    /** An administrator creates a user of their biller. */
    @Transactional
    public IssuedPassword create(SignedInStaff admin, String username, String email, StaffRole role, boolean partnerSupport) {
        admin.requireRole(StaffRole.ADMINISTRATOR);
        if (role == null) {
            throw new StaffRefusal(Refusal.Kind.INVALID, "invalid_role", "role", "Choose a role.");
        }
        IssuedPassword issued = insert(admin.bid(), username, email, role, partnerSupport);
        audit.record(admin, "staff.create", "user " + issued.user().username(), null, shown(issued.user()));
        return issued;
    }

    @Transactional
    public StaffUser setEnabled(SignedInStaff admin, long userId, boolean enabled) {
        admin.requireRole(StaffRole.ADMINISTRATOR);
        StaffUser before = require(admin.bid(), userId);
        if (!enabled && userId == admin.userId()) {
            throw new StaffRefusal(Refusal.Kind.NOT_ALLOWED, "own_user", "userId", "You cannot disable yourself.");
        }
        repo.setEnabled(userId, enabled);
        StaffUser after = require(admin.bid(), userId);
        audit.record(admin, enabled ? "staff.enable" : "staff.disable", "user " + before.username(), shown(before), shown(after));
        return after;
    }

    /** A new one-time password for a user who lost theirs. */
    @Transactional
    public IssuedPassword resetPassword(SignedInStaff admin, long userId) {
        admin.requireRole(StaffRole.ADMINISTRATOR);
        StaffUser user = require(admin.bid(), userId);
        String oneTime = passwords.oneTime();
        repo.setPassword(userId, passwords.hash(oneTime), true);
        audit.record(admin, "staff.reset-password", "user " + user.username(), null, null);
        return new IssuedPassword(user, oneTime);
    }

    /** Forgets a user's authenticator: an administrator enrols a new one at their next sign-in. */
    @Transactional
    public StaffUser resetTotp(SignedInStaff admin, long userId) {
        admin.requireRole(StaffRole.ADMINISTRATOR);
        StaffUser before = require(admin.bid(), userId);
        repo.setTotp(userId, null, null);
        StaffUser after = require(admin.bid(), userId);
        audit.record(admin, "staff.reset-totp", "user " + before.username(), shown(before), shown(after));
        return after;
    }

    public List<StaffUser> list(long bid) {
        return repo.all(bid).stream().map(StaffUsers::view).toList();
    }

    public StaffUser require(long bid, long userId) {
        return repo.find(bid, userId).map(StaffUsers::view).orElseThrow(() -> new StaffRefusal(Refusal.Kind.NOT_FOUND,
                "unknown_staff_user", "userId", "No staff user " + userId + " at biller " + bid + "."));
    }

    /**
     * The biller's billable staff: enabled users other than the partner-support user of seed 000, who is the
     * platform's own support staff and not the biller's (docs/staff-portal.md, "Billing counts").
     */
    public long billableCount(long bid) {
        return repo.billable(bid);
    }

    private IssuedPassword insert(long bid, String username, String email, StaffRole role, boolean partnerSupport) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new StaffRefusal(Refusal.Kind.INVALID, "invalid_username", "username",
                    "A username is 1 to 100 letters, digits, dots, dashes, underscores or @, starting with a letter or digit.");
        }
        String mail = email == null ? "" : email.strip();
        if (!EmailValidator.getInstance().isValid(mail)) {
            throw new StaffRefusal(Refusal.Kind.INVALID, "invalid_email", "email", "Enter an email address like name@example.com.");
        }
        String oneTime = passwords.oneTime();
        long id = repo.insert(bid, name, mail, passwords.hash(oneTime), role, partnerSupport, clock.instant())
                .orElseThrow(() -> new StaffRefusal(Refusal.Kind.CONFLICT, "username_taken", "username",
                        "There is already a staff user " + name + " at this biller."));
        return new IssuedPassword(require(bid, id), oneTime);
    }

    static StaffUser view(StaffRepository.Row r) {
        return new StaffUser(r.userId(), r.bid(), r.username(), r.email(), r.role(), r.partnerSupport(), r.enabled(),
                r.totpSecret() != null, r.createdAt(), r.lastSignInAt());
    }

    /** What the audit log keeps of a user. */
    static Map<String, Object> shown(StaffUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("email", u.email());
        m.put("role", u.role().name());
        m.put("partnerSupport", u.partnerSupport());
        m.put("enabled", u.enabled());
        m.put("totpEnrolled", u.totpEnrolled());
        return m;
    }
}
