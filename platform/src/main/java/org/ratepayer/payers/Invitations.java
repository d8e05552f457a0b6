package org.ratepayer.payers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ratepayer.payers.internal.AccountLinks;
import org.ratepayer.shared.passwords.PasswordHasher;
import org.ratepayer.payers.internal.PayerRepository;
import org.ratepayer.payers.internal.PayerTokens;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Co-owners by invitation, for billers whose CIS does not register their payers (the Daffron template's "no
 * invitations" holds there): a user of an account invites an email address; whoever follows the link and signs in,
 * or registers, becomes a co-owner, within options 74, 78 and 79 (docs/payers.md). Any co-owner may remove another.
 */
@Service
public class Invitations {

    public static final Duration LIFETIME = Duration.ofDays(7);

    /**
     * How long a link to register again after a conversion works: longer than a co-owner's, since everyone of the biller
     * gets one at once and the conversion's maintenance window (3 days) is part of it.
     */
    public static final Duration REREGISTER_LIFETIME = Duration.ofDays(14);

    /**
     * A payer a conversion unregistered, to be invited back: the username they had, their email address, and the account's
     * number before and after.
     */
    public record Unregistered(String formerUsername, String email, String oldAccountNumber, String newAccountNumber) {
    }

    /**
     * What a usable link opens: the account, and for a link to register again after a conversion
     * ({@code reRegistration}) the username the person had, suggested on the page.
     */
    public record Link(String accountNumber, boolean reRegistration, String formerUsername) {
    }

    /** An invitation not yet accepted, as its account's page lists it. */
    public record Pending(UUID id, String email, String invitedBy, OffsetDateTime expiresAt) {
    }

    private final PayerDirectory directory;
    private final PayerRepository users;
    private final AccountLinks links;
    private final PayerTokens tokens;
    private final PasswordHasher passwords;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;

    public Invitations(PayerDirectory directory, PayerRepository users, AccountLinks links, PayerTokens tokens,
            PasswordHasher passwords, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock,
            PlatformTransactionManager txManager) {
        this.directory = directory;
        this.users = users;
        this.links = links;
        this.tokens = tokens;
        this.passwords = passwords;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    public boolean allowed(long bid) {
        return !directory.cisIsIdentitySource(bid);
    }

    /**
     * Invites an email address to co-own an account the inviter holds; refused early when the account has all the users it
     * may have (it is checked again on acceptance).
     */
    public Pending invite(long bid, long inviterId, String account, String email) {
        requireAllowed(bid);
        PayerRules.require(PayerRules.checkEmail(email));
        return tx.execute(s -> {
            PayerRepository.UserRow inviter = holder(bid, inviterId, account);
            PayerRules.require(links.refusal(bid, account, null));
            String token = tokens.fresh();
            Instant expires = clock.instant().plus(LIFETIME);
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    insert into payer_invitation (invitation_guid, token_hash, biller_id, account_number, invited_by, email, expires_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    """).params(id, PayerTokens.hash(token), bid, account, inviterId, email, at(expires)).update();
            events.publishEvent(new CoOwnerInvited(bid, account, inviter.username(), email, token, expires));
            return new Pending(id, email, inviter.username(), at(expires));
        });
    }

    /** Invitations of the account still open, for a user who holds it. */
    public List<Pending> pending(long bid, long userId, String account) {
        holder(bid, userId, account);
        return jdbc.sql("""
                select i.invitation_guid as id, i.email, u.username as invited_by, i.expires_at from payer_invitation i
                join payer_user u on u.user_id = i.invited_by
                where i.biller_id = ? and i.account_number = ? and i.purpose = 'CO_OWNER' and i.accepted_at is null
                  and i.cancelled_at is null and i.expires_at > ?
                order by i.created_at
                """).params(bid, account, at(clock.instant())).query(Pending.class).list();
    }

    /** Withdraws an open invitation of an account the user holds; false when there is none such. */
    public boolean cancel(long bid, long userId, String account, UUID id) {
        holder(bid, userId, account);
        return jdbc.sql("""
                update payer_invitation set cancelled_at = ? where invitation_guid = ? and biller_id = ? and account_number = ?
                and purpose = 'CO_OWNER' and accepted_at is null and cancelled_at is null
                """).params(at(clock.instant()), id, bid, account).update() == 1;
    }

    /** The account an invitation link is for, while it can still be accepted (its page says what accepting means). */
    public Optional<String> account(long bid, String token) {
        return link(bid, token).map(Link::accountNumber);
    }

    /**
     * What an invitation link opens, while it can still be used and this biller offers it: a co-owner invitation where
     * invitations are offered, a link to register again after a conversion on any biller (the biller chose to send it).
     */
    public Optional<Link> link(long bid, String token) {
        return open(bid, token, false).filter(o -> o.reRegistration() || allowed(bid))
                .map(o -> new Link(o.accountNumber(), o.reRegistration(), o.formerUsername()));
    }

    /**
     * Invites back, inside the caller's transaction (a conversion's apply), every payer it unregistered: one single-use
     * link per email address and account (two former users of one account sharing an address get one), valid
     * {@link #REREGISTER_LIFETIME}, announced by {@link ReRegistrationInvited} for its email. A payer without an email
     * address cannot be invited.
     *
     * @return how many invitations were written
     */
    public int inviteToReRegister(long bid, long conversionId, List<Unregistered> payers) {
        Instant expires = clock.instant().plus(REREGISTER_LIFETIME);
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (Unregistered p : payers) {
            if (p.email() == null || p.email().isBlank()
                    || !seen.add(p.email().strip().toLowerCase(Locale.ROOT) + "\n" + p.newAccountNumber())) {
                continue;
            }
            String token = tokens.fresh();
            jdbc.sql("""
                    insert into payer_invitation (invitation_guid, token_hash, biller_id, account_number, invited_by, email, expires_at,
                                                  purpose, former_username, conversion_id)
                    values (?, ?, ?, ?, null, ?, ?, 'REREGISTER', ?, ?)
                    """).params(UUID.randomUUID(), PayerTokens.hash(token), bid, p.newAccountNumber(), p.email().strip(), at(expires),
                    p.formerUsername(), conversionId).update();
            events.publishEvent(new ReRegistrationInvited(bid, conversionId, p.formerUsername(), p.email().strip(), p.oldAccountNumber(),
                    p.newAccountNumber(), token, expires));
            n++;
        }
        return n;
    }

    private record Open(long invitationId, String accountNumber, String email, boolean reRegistration, String formerUsername) {
    }

    /**
     * Accepts an invitation for someone without a login: a new user with the chosen username and password and the invited
     * email address (following the emailed link confirmed it, so no other confirmation is asked), holding the account as
     * its co-owner; the link is used up. All or nothing: a taken username or a full account creates no user.
     *
     * @return the new payer, or empty when the link is unknown, used, withdrawn or expired
     * @throws PayerRefusal when the username or password is not acceptable, the username is taken, or the account has all
     *                      the users it may have (option 79)
     */
    public Optional<Payer> register(long bid, String token, String username, String password) {
        PayerRules.require(PayerRules.checkUsername(username));
        PayerRules.require(PayerRules.checkPassword(password, PayerRules.PORTAL_PASSWORD_MIN));
        Optional<Open> found = open(bid, token, false);
        if (found.isEmpty()) {
            return Optional.empty(); // before the slow hash: a dead link costs nothing
        }
        if (!found.get().reRegistration()) {
            requireAllowed(bid);
        }
        String hash = passwords.hash(password);
        return tx.execute(s -> open(bid, token, true).map(invitation -> {
            long userId = users.insert(bid, username, invitation.email(), hash).orElseThrow(() -> new PayerRefusal(Kind.CONFLICT,
                    "username_taken", "username", "this username is taken; choose another"));
            PayerRepository.UserRow user = users.find(bid, userId).orElseThrow();
            links.link(bid, user, List.of(invitation.accountNumber()));
            jdbc.sql("update payer_invitation set accepted_at = ?, accepted_by = ? where invitation_id = ?")
                    .params(at(clock.instant()), userId, invitation.invitationId()).update();
            return users.payer(user);
        }));
    }

    /**
     * Accepts an invitation for a signed-in user, who becomes a co-owner of its account; the link is used up.
     *
     * @return the payer with the account, or empty when the link is unknown, used, withdrawn or expired
     * @throws PayerRefusal when the account has all the users it may have
     */
    public Optional<Payer> accept(long bid, String token, long userId) {
        return tx.execute(s -> open(bid, token, true).filter(o -> o.reRegistration() || allowed(bid)).map(invitation -> {
            PayerRepository.UserRow user = users.find(bid, userId).orElseThrow();
            links.link(bid, user, List.of(invitation.accountNumber()));
            jdbc.sql("update payer_invitation set accepted_at = ?, accepted_by = ? where invitation_id = ?")
                    .params(at(clock.instant()), userId, invitation.invitationId()).update();
            return users.payer(user);
        }));
    }

    /** Removes a co-owner (or oneself) from an account the acting user holds. */
    public Payer removeCoOwner(long bid, long actingUserId, String account, String username) {
        return tx.execute(s -> {
            holder(bid, actingUserId, account);
            PayerRepository.UserRow removed = users.lock(bid, username).filter(u -> users.accounts(u.userId()).contains(account))
                    .orElseThrow(() -> new PayerRefusal(Kind.NOT_FOUND, "user_not_found", "username",
                            "account " + account + " has no user " + username));
            users.unlink(removed.userId(), account);
            return users.payer(removed);
        });
    }

    private Optional<Open> open(long bid, String token, boolean lock) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select invitation_id, account_number, email, purpose = 'REREGISTER' as re_registration, former_username
                from payer_invitation where token_hash = ? and biller_id = ?
                and accepted_at is null and cancelled_at is null and expires_at > ?""" + (lock ? " for update" : ""))
                .params(PayerTokens.hash(token), bid, at(clock.instant())).query(Open.class).optional();
    }

    /** The user, when it holds the account; otherwise "not found", so an id changed in a URL reveals nothing. */
    private PayerRepository.UserRow holder(long bid, long userId, String account) {
        return users.find(bid, userId).filter(u -> users.accounts(u.userId()).contains(account))
                .orElseThrow(() -> new PayerRefusal(Kind.NOT_FOUND, "account_not_found", "account", "no such account"));
    }

    private void requireAllowed(long bid) {
        if (!allowed(bid)) {
            throw new PayerRefusal(Kind.NOT_ALLOWED, "invitations_not_offered", null,
                    "this biller's customer portal adds co-owners; invitations are not offered here");
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
