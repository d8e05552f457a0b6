package org.ratepayer.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V26 (docs/payments.md, "Payments of several accounts"): every payment made before allocations existed gets
 * exactly one, for its own account, invoice and amount, under its own GUID, so the CIS keeps hearing of it by
 * the same transactionId.
 */
class AllocationBackfillIT {

    @Test
    void everyEarlierPaymentGetsExactlyOneAllocationOfItsOwn() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource db = pg.getPostgresDatabase();
            Flyway.configure().dataSource(db).target("24").load().migrate();
            JdbcClient jdbc = JdbcClient.create(db);
            jdbc.sql("insert into biller (biller_id, guid, name, template, file_spec) values (7, gen_random_uuid(), 'Co-op', 'daffron', 'bif')")
                    .update();
            for (String account : List.of("1001-1", "1002-1")) {
                jdbc.sql("insert into account (biller_id, account_number, customer_name) values (7, ?, 'Pat Doe')").param(account).update();
            }
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            String insert = """
                    insert into payment (payment_guid, biller_id, account_number, invoice_number, channel, method, status, amount,
                                         method_token)
                    values (?, 7, ?, ?, 'IVR', 'CARD', ?, ?, 'tok')
                    """;
            jdbc.sql(insert).params(first, "1001-1", "100100000001", "APPROVED", new java.math.BigDecimal("120.50")).update();
            jdbc.sql(insert).params(second, "1002-1", null, "DECLINED", new java.math.BigDecimal("15.00")).update();

            Flyway.configure().dataSource(db).load().migrate();

            assertThat(jdbc.sql("""
                    select p.payment_guid, a.position, a.account_number, a.invoice_number, a.amount, a.allocation_guid
                    from payment_allocation a join payment p using (payment_id) order by p.payment_id
                    """).query((rs, n) -> tuple(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5).toPlainString(), rs.getObject(6, UUID.class))).list())
                    .containsExactly(tuple(first, 1, "1001-1", "100100000001", "120.50", first),
                            tuple(second, 1, "1002-1", null, "15.00", second));
        }
    }
}
