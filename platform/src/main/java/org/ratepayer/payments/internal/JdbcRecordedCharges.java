package org.ratepayer.payments.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link RecordedCharges} read from the payments' {@code gateway_reference}. */
@Component
class JdbcRecordedCharges implements RecordedCharges {

    private final JdbcClient jdbc;

    JdbcRecordedCharges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> reference(long bid, UUID paymentGuid) {
        return jdbc.sql("select gateway_reference from payment where biller_id = ? and payment_guid = ?")
                .params(bid, paymentGuid).query(String.class).optional();
    }

    @Override
    public Optional<UUID> paymentOf(long bid, String reference) {
        return jdbc.sql("select payment_guid from payment where biller_id = ? and gateway_reference = ? limit 1")
                .params(bid, reference).query(UUID.class).optional();
    }
}
