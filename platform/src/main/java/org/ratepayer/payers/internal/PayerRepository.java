package org.ratepayer.payers.internal;

import java.util.List;
import java.util.Optional;
import org.ratepayer.payers.Payer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payer users and the accounts they hold ({@code payer_user}, {@code payer_account}). */
@Repository
public class PayerRepository {

    /** A user row; {@code passwordHash} never leaves the module. */
    public record UserRow(long userId, long bid, String username, String email, String passwordHash) {
    }

    private final JdbcClient jdbc;

    public PayerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserRow> find(long bid, String username) {
        return jdbc.sql("""
                select user_id, biller_id as bid, username, email, password_hash from payer_user
                where biller_id = ? and lower(username) = lower(?)
                """).params(bid, username).query(UserRow.class).optional();
    }

    /** The user, its row locked for the rest of the transaction. */
    public Optional<UserRow> lock(long bid, String username) {
        return jdbc.sql("""
                select user_id, biller_id as bid, username, email, password_hash from payer_user
                where biller_id = ? and lower(username) = lower(?) for update
                """).params(bid, username).query(UserRow.class).optional();
    }

    public Optional<UserRow> find(long bid, long userId) {
        return jdbc.sql("select user_id, biller_id as bid, username, email, password_hash from payer_user where biller_id = ? and user_id = ?")
                .params(bid, userId).query(UserRow.class).optional();
    }

    /** Users whose email is this address, for a reset asked by email rather than username. */
    public List<UserRow> byEmail(long bid, String email) {
        return jdbc.sql("""
                select user_id, biller_id as bid, username, email, password_hash from payer_user
                where biller_id = ? and lower(email) = lower(?) order by user_id
                """).params(bid, email).query(UserRow.class).list();
    }

    /** Inserts the user unless one of that name exists; empty when it did (concurrent registrations included). */
    public Optional<Long> insert(long bid, String username, String email, String passwordHash) {
        return jdbc.sql("""
                insert into payer_user (biller_id, username, email, password_hash) values (?, ?, ?, ?)
                on conflict (biller_id, lower(username)) do nothing returning user_id
                """).params(bid, username, email, passwordHash).query(Long.class).optional();
    }

    public void setEmail(long userId, String email) {
        jdbc.sql("update payer_user set email = ?, updated_at = now() where user_id = ?").params(email, userId).update();
    }

    public void setPasswordHash(long userId, String hash) {
        jdbc.sql("update payer_user set password_hash = ?, updated_at = now() where user_id = ?").params(hash, userId).update();
    }

    public List<String> accounts(long userId) {
        return jdbc.sql("select account_number from payer_account where user_id = ? order by linked_at, account_number")
                .param(userId).query(String.class).list();
    }

    /**
     * Serialises every change to the users of one account for the rest of the transaction, so two registrations
     * racing for an account's last co-owner place cannot both take it.
     */
    public void lockAccount(long bid, String account) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('payer_account:' || ? || ':' || ?, 0))")
                .params(bid, account).query(Object.class).optional();
    }

    /** Usernames holding the account, oldest first. */
    public List<String> holders(long bid, String account) {
        return jdbc.sql("""
                select u.username from payer_account a join payer_user u on u.user_id = a.user_id
                where a.biller_id = ? and a.account_number = ? order by a.linked_at, u.username
                """).params(bid, account).query(String.class).list();
    }

    public boolean link(long userId, long bid, String account) {
        return jdbc.sql("insert into payer_account (user_id, biller_id, account_number) values (?, ?, ?) on conflict do nothing")
                .params(userId, bid, account).update() == 1;
    }

    /** The users holding the account, oldest link first; call under {@link #lockAccount}. */
    public List<UserRow> holderRows(long bid, String account) {
        return jdbc.sql("""
                select u.user_id, u.biller_id as bid, u.username, u.email, u.password_hash
                from payer_account a join payer_user u on u.user_id = a.user_id
                where a.biller_id = ? and a.account_number = ? order by a.linked_at, u.username
                """).params(bid, account).query(UserRow.class).list();
    }

    /**
     * Takes the account from every user and withdraws what would give it to someone later: open co-owner invitations
     * to it and unconfirmed sign-ups from its bill (docs/conveyance.md).
     */
    public void unlinkEveryone(long bid, String account) {
        jdbc.sql("delete from payer_account where biller_id = ? and account_number = ?").params(bid, account).update();
        jdbc.sql("""
                update payer_invitation set cancelled_at = now()
                where biller_id = ? and account_number = ? and accepted_at is null and cancelled_at is null
                """).params(bid, account).update();
        jdbc.sql("""
                delete from payer_signup where biller_id = ? and account_number = ? and confirmed_at is null
                """).params(bid, account).update();
    }

    public boolean unlink(long userId, String account) {
        return jdbc.sql("delete from payer_account where user_id = ? and account_number = ?").params(userId, account).update() == 1;
    }

    public Payer payer(UserRow u) {
        return new Payer(u.userId(), u.bid(), u.username(), u.email(), u.passwordHash() != null, accounts(u.userId()));
    }
}
