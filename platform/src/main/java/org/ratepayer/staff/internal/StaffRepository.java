package org.ratepayer.staff.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ratepayer.staff.StaffRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff users ({@code staff_user}); the password hash and the sealed TOTP secret never leave the module. */
@Repository
public class StaffRepository {

    public record Row(long userId, long bid, String username, String email, String passwordHash, StaffRole role,
            boolean partnerSupport, byte[] totpSecret, Long totpLastStep, boolean enabled, boolean mustChangePassword,
            Instant createdAt, Instant lastSignInAt) {
    }

    private static final String COLUMNS = """
            user_id, biller_id, username, email, password_hash, role, partner_support, totp_secret, totp_last_step,
            enabled, must_change_password, created_at, last_sign_in_at
            """;

    private final JdbcClient jdbc;

    public StaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long last = rs.getLong("totp_last_step");
        Long lastStep = rs.wasNull() ? null : last;
        java.sql.Timestamp signedIn = rs.getTimestamp("last_sign_in_at");
        return new Row(rs.getLong("user_id"), rs.getLong("biller_id"), rs.getString("username"), rs.getString("email"),
                rs.getString("password_hash"), StaffRole.valueOf(rs.getString("role")), rs.getBoolean("partner_support"),
                rs.getBytes("totp_secret"), lastStep, rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
                rs.getTimestamp("created_at").toInstant(), signedIn == null ? null : signedIn.toInstant());
    }

    public Optional<Row> find(long bid, String username) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where biller_id = ? and lower(username) = lower(?)")
                .params(bid, username).query(StaffRepository::row).optional();
    }

    public Optional<Row> find(long bid, long userId) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where biller_id = ? and user_id = ?")
                .params(bid, userId).query(StaffRepository::row).optional();
    }

    public List<Row> all(long bid) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where biller_id = ? order by lower(username)")
                .param(bid).query(StaffRepository::row).list();
    }

    /** Inserts the user unless one of that name exists (in any case); empty when it did. */
    public Optional<Long> insert(long bid, String username, String email, String hash, StaffRole role,
            boolean partnerSupport, Instant now) {
        return jdbc.sql("""
                insert into staff_user (biller_id, username, email, password_hash, role, partner_support, must_change_password, created_at)
                values (?, ?, ?, ?, ?, ?, true, ?)
                on conflict (biller_id, lower(username)) do nothing returning user_id
                """).params(bid, username, email, hash, role.name(), partnerSupport, utc(now)).query(Long.class).optional();
    }

    public void setPassword(long userId, String hash, boolean mustChange) {
        jdbc.sql("update staff_user set password_hash = ?, must_change_password = ? where user_id = ?")
                .params(hash, mustChange, userId).update();
    }

    public void setTotp(long userId, byte[] sealed, Long lastStep) {
        jdbc.sql("update staff_user set totp_secret = ?, totp_last_step = ? where user_id = ?").params(sealed, lastStep, userId).update();
    }

    /** Takes a TOTP step as used, unless it or a later one already was; false when the code was spent. */
    public boolean useStep(long userId, long step) {
        return jdbc.sql("update staff_user set totp_last_step = ? where user_id = ? and (totp_last_step is null or totp_last_step < ?)")
                .params(step, userId, step).update() == 1;
    }

    public void setEnabled(long userId, boolean enabled) {
        jdbc.sql("update staff_user set enabled = ? where user_id = ?").params(enabled, userId).update();
    }

    public void signedIn(long userId, Instant at) {
        jdbc.sql("update staff_user set last_sign_in_at = ? where user_id = ?").params(utc(at), userId).update();
    }

    public long billable(long bid) {
        return jdbc.sql("select count(*) from staff_user where biller_id = ? and enabled and not partner_support")
                .param(bid).query(Long.class).single();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
