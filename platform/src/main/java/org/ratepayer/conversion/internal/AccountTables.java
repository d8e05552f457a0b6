package org.ratepayer.conversion.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables a conversion re-keys, found in the schema when it runs rather than listed (docs/conversion.md, "Every
 * table"): every table with a {@code biller_id} and an {@code account_number}. A table added later is re-keyed without a
 * change here. {@code ConversionSchemaIT} scans every column whose name says "account" and fails naming any this rule
 * does not cover and {@link #NOT_ACCOUNT_KEYS} does not explain.
 */
@Repository
public class AccountTables {

    /** The renumbering record itself: it holds both numbers on purpose and is written, not re-keyed. */
    public static final String RENUMBERING = "account_renumbering";

    /**
     * Columns whose name says "account" but which are no account's key, with why; anything else named so must be an
     * {@code account_number} beside a {@code biller_id}.
     */
    public static final Map<String, String> NOT_ACCOUNT_KEYS = Map.of(
            "account.display_account_number", "the number shown; a conversion clears it until the next invoice file",
            "account_renumbering.old_account_number", "the renumbering record, written by the conversion",
            "account_renumbering.new_account_number", "the renumbering record, written by the conversion",
            "conversion_pair.old_account_number", "the run's own record of what it changed",
            "conversion_pair.new_account_number", "the run's own record of what it changed",
            "conversion_run.accounts", "a count",
            "invoice_file.accounts", "a count",
            "payer_method.account_type", "checking or savings",
            "conversion_held_method.account_type", "checking or savings");

    /** Log tables whose rows come and go with ordinary traffic: re-keyed, but left out of the plan's checksum. */
    static final Set<String> LOGS = Set.of("email_message", "cis_call_failure", "customer_change");

    private final JdbcClient jdbc;

    public AccountTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every table the conversion re-keys, by name; {@code account} among them. */
    public List<String> reKeyed() {
        return jdbc.sql("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name = 'account_number'
                  and exists (select 1 from information_schema.columns b
                              where b.table_schema = c.table_schema and b.table_name = c.table_name and b.column_name = 'biller_id')
                  and c.table_name <> ?
                order by c.table_name
                """).param(RENUMBERING).query(String.class).list();
    }
}
