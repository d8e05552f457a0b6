package org.ratepayer.billing.internal;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer record of an account (name, address, phone), as the CIS updates it between invoice files
 * (docs/api.md, "UpdateCustomerRecord"). A value not sent is left as it is, as an invoice file's empty field is.
 */
@Component
public class CustomerRecords {

    private final JdbcClient jdbc;

    public CustomerRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The values to set; null leaves one as it is. */
    public record Update(String customerName, String address1, String address2, String city, String state, String zip,
            String phone) {
    }

    /** An account's customer record as stored after an update. */
    public record Stored(String accountNumber, String customerName, String address1, String address2, String city, String state,
            String zip, String phone) {
    }

    /**
     * Sets what the update names, in one statement.
     *
     * @return the record as it now is, and whether anything changed; empty when the biller has no such account
     */
    public Optional<Changed> update(long bid, String account, Update u) {
        Optional<Stored> before = find(bid, account);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        int changed = jdbc.sql("""
                update account set customer_name = coalesce(cast(:name as text), customer_name), address1 = coalesce(cast(:address1 as text), address1),
                  address2 = coalesce(cast(:address2 as text), address2), city = coalesce(cast(:city as text), city), state = coalesce(cast(:state as text), state),
                  zip = coalesce(cast(:zip as text), zip), phone = coalesce(cast(:phone as text), phone), updated_at = now()
                where biller_id = :bid and account_number = :account
                  and (customer_name, address1, address2, city, state, zip, phone) is distinct from
                      (coalesce(cast(:name as text), customer_name), coalesce(cast(:address1 as text), address1), coalesce(cast(:address2 as text), address2),
                       coalesce(cast(:city as text), city), coalesce(cast(:state as text), state), coalesce(cast(:zip as text), zip), coalesce(cast(:phone as text), phone))
                """).param("name", u.customerName()).param("address1", u.address1()).param("address2", u.address2())
                .param("city", u.city()).param("state", u.state()).param("zip", u.zip()).param("phone", u.phone())
                .param("bid", bid).param("account", account).update();
        return find(bid, account).map(s -> new Changed(s, changed > 0));
    }

    public record Changed(Stored record, boolean changed) {
    }

    public Optional<Stored> find(long bid, String account) {
        return jdbc.sql("""
                select account_number, customer_name, address1, address2, city, state, zip, phone from account
                where biller_id = ? and account_number = ?
                """).params(bid, account).query(Stored.class).optional();
    }
}
