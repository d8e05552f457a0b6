package org.ratepayer.payers.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payments.Method;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Saved methods ({@code payer_method}); every query is scoped to a biller and a user. */
@Repository
public class WalletRepository {

    private static final String COLUMNS = "method_guid as id, method, brand, last4, exp_month, exp_year, account_type, is_default, created_at";

    private final JdbcClient jdbc;

    public WalletRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<SavedPaymentMethod> list(long bid, long userId) {
        return jdbc.sql("select " + COLUMNS + " from payer_method where biller_id = ? and user_id = ? and removed_at is null"
                + " order by is_default desc, created_at, method_id").params(bid, userId).query(SavedPaymentMethod.class).list();
    }

    public Optional<SavedPaymentMethod> find(long bid, long userId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payer_method where biller_id = ? and user_id = ? and method_guid = ? and removed_at is null")
                .params(bid, userId, id).query(SavedPaymentMethod.class).optional();
    }

    public Optional<String> token(long bid, long userId, UUID id) {
        return jdbc.sql("select token from payer_method where biller_id = ? and user_id = ? and method_guid = ? and removed_at is null")
                .params(bid, userId, id).query(String.class).optional();
    }

    /** The method already saved with this token, if any (saving the same card twice keeps one row). */
    public Optional<UUID> byToken(long userId, String token) {
        return jdbc.sql("select method_guid from payer_method where user_id = ? and token = ? and removed_at is null")
                .params(userId, token).query(UUID.class).optional();
    }

    public int count(long userId) {
        return jdbc.sql("select count(*) from payer_method where user_id = ? and removed_at is null").param(userId).query(Integer.class).single();
    }

    public void insert(UUID id, long bid, long userId, Method method, String token, String brand, String last4, Integer expMonth,
            Integer expYear, String accountType) {
        jdbc.sql("""
                insert into payer_method (method_guid, biller_id, user_id, method, token, brand, last4, exp_month, exp_year, account_type)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(id, bid, userId, method.name(), token, brand, last4, expMonth, expYear, accountType).update();
    }

    /** Makes this method the user's default, and no other; false when the user has no such live method. */
    public boolean makeDefault(long bid, long userId, UUID id) {
        jdbc.sql("update payer_method set is_default = false where user_id = ? and is_default and method_guid <> ?").params(userId, id).update();
        return jdbc.sql("update payer_method set is_default = true where biller_id = ? and user_id = ? and method_guid = ? and removed_at is null")
                .params(bid, userId, id).update() == 1;
    }

    public boolean remove(long bid, long userId, UUID id) {
        return jdbc.sql("""
                update payer_method set removed_at = now(), is_default = false
                where biller_id = ? and user_id = ? and method_guid = ? and removed_at is null
                """).params(bid, userId, id).update() == 1;
    }

    /** Removes the live methods of these users saved with these tokens; how many. */
    public int removeByToken(long bid, Collection<Long> userIds, Collection<String> tokens) {
        return jdbc.sql("""
                update payer_method set removed_at = now(), is_default = false
                where biller_id = ? and user_id = any(?) and token = any(?) and removed_at is null
                """).params(bid, userIds.toArray(Long[]::new), tokens.toArray(String[]::new)).update();
    }

    /** Serialises wallet changes of one user for the rest of the transaction. */
    public void lockUser(long userId) {
        jdbc.sql("select 1 from payer_user where user_id = ? for update").param(userId).query(Integer.class).optional();
    }
}
