package org.ratepayer.conveyance.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ratepayer.conveyance.Conveyance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account_conveyance table (V32): one row per conveyance, scoped to its biller. */
@Repository
public class ConveyanceRepository {

    private final JdbcClient jdbc;

    public ConveyanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's name and email as they are now, its row locked for the rest of the transaction; empty when the biller has no such account. */
    public Optional<Owner> lockAccount(long bid, String account) {
        return jdbc.sql("select customer_name, email from account where biller_id = ? and account_number = ? for update")
                .params(bid, account).query((rs, n) -> new Owner(rs.getString(1), rs.getString(2))).optional();
    }

    /** What the account table says of its owner. */
    public record Owner(String customerName, String email) {
    }

    /**
     * The new owner's name, as an invoice file's CR row would set it. The billing module owns the column; a conveyance
     * through the API writes it so that the next file's (same) name is not taken for another change of owner (option 1011).
     */
    public void rename(long bid, String account, String customerName) {
        jdbc.sql("update account set customer_name = ?, updated_at = now() where biller_id = ? and account_number = ?")
                .params(customerName, bid, account).update();
    }

    public Conveyance insert(long bid, String account, Conveyance.Trigger trigger, String actor, Long fileId, String oldName, String newName,
            String reason, List<String> usersRemoved, boolean autopayCancelled, int scheduledCancelled, int methodsDetached,
            String idempotencyKey, OffsetDateTime at) {
        long id = jdbc.sql("""
                insert into account_conveyance (biller_id, account_number, trigger_kind, actor, file_id, old_customer_name, new_customer_name,
                    reason, users_removed, autopay_cancelled, scheduled_cancelled, methods_detached, idempotency_key, conveyed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning conveyance_id
                """).params(bid, account, trigger.name(), actor, fileId, oldName, newName, reason, usersRemoved.toArray(String[]::new),
                autopayCancelled, scheduledCancelled, methodsDetached, idempotencyKey, at).query(Long.class).single();
        return new Conveyance(id, bid, account, trigger, actor, fileId, oldName, newName, reason, usersRemoved, autopayCancelled,
                scheduledCancelled, methodsDetached, at);
    }

    public Optional<Conveyance> byKey(long bid, String idempotencyKey) {
        return jdbc.sql("select * from account_conveyance where biller_id = ? and idempotency_key = ?").params(bid, idempotencyKey)
                .query((rs, n) -> row(rs)).optional();
    }

    public List<Conveyance> forAccount(long bid, String account) {
        return jdbc.sql("select * from account_conveyance where biller_id = ? and account_number = ? order by conveyance_id desc")
                .params(bid, account).query((rs, n) -> row(rs)).list();
    }

    public List<Conveyance> latest(long bid, int limit) {
        return jdbc.sql("select * from account_conveyance where biller_id = ? order by conveyed_at desc, conveyance_id desc limit ?")
                .params(bid, limit).query((rs, n) -> row(rs)).list();
    }

    private static Conveyance row(ResultSet rs) throws SQLException {
        Array users = rs.getArray("users_removed");
        Long fileId = rs.getObject("file_id", Long.class);
        return new Conveyance(rs.getLong("conveyance_id"), rs.getLong("biller_id"), rs.getString("account_number"),
                Conveyance.Trigger.valueOf(rs.getString("trigger_kind")), rs.getString("actor"), fileId,
                rs.getString("old_customer_name"), rs.getString("new_customer_name"), rs.getString("reason"),
                Arrays.asList((String[]) users.getArray()), rs.getBoolean("autopay_cancelled"), rs.getInt("scheduled_cancelled"),
                rs.getInt("methods_detached"), rs.getObject("conveyed_at", OffsetDateTime.class));
    }
}
