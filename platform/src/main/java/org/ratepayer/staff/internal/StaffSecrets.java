package org.ratepayer.staff.internal;

import java.util.List;
import org.ratepayer.shared.secrets.SealedSecrets;
import org.ratepayer.shared.secrets.SecretCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Staff users' sealed secrets for a master key rotation: their authenticator (TOTP) secrets. */
@Component
class StaffSecrets implements SealedSecrets {

    private final JdbcClient jdbc;

    StaffSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String what() {
        return "staff authenticator secrets";
    }

    private record Sealed(long userId, byte[] sealed) {
    }

    @Override
    public int reseal(SecretCipher from, SecretCipher to) {
        List<Sealed> rows = jdbc.sql("select user_id, totp_secret from staff_user where totp_secret is not null for update")
                .query((rs, n) -> new Sealed(rs.getLong(1), rs.getBytes(2))).list();
        for (Sealed r : rows) {
            String context = StaffSignIn.context(r.userId());
            jdbc.sql("update staff_user set totp_secret = ? where user_id = ?")
                    .params(to.encrypt(from.decrypt(r.sealed(), context), context), r.userId()).update();
        }
        return rows.size();
    }
}
