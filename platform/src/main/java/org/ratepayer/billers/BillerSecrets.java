package org.ratepayer.billers;

import java.util.List;
import org.ratepayer.shared.secrets.SealedSecrets;
import org.ratepayer.shared.secrets.SecretCipher;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The billers' sealed secrets for a master key rotation: every key, and every secret advanced setting (CIS passwords…). */
@Component
class BillerSecrets implements SealedSecrets {

    private final JdbcClient jdbc;

    BillerSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String what() {
        return "biller keys and secret settings";
    }

    private record Key(long bid, String kind, String environment, byte[] sealed) {
    }

    private record Setting(long bid, int settingId, byte[] sealed) {
    }

    @Override
    public int reseal(SecretCipher from, SecretCipher to) {
        List<Key> keys = jdbc.sql("select biller_id, kind, environment, key_cipher from biller_key for update")
                .query((rs, n) -> new Key(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4))).list();
        for (Key k : keys) {
            String context = BillerService.keyContext(k.bid(), KeyKind.valueOf(k.kind()), Environment.valueOf(k.environment()));
            jdbc.sql("update biller_key set key_cipher = ? where biller_id = ? and kind = ? and environment = ?")
                    .params(to.encrypt(from.decrypt(k.sealed(), context), context), k.bid(), k.kind(), k.environment()).update();
        }
        List<Setting> settings = jdbc.sql("select biller_id, setting_id, value_cipher from biller_setting where value_cipher is not null for update")
                .query((rs, n) -> new Setting(rs.getLong(1), rs.getInt(2), rs.getBytes(3))).list();
        for (Setting s : settings) {
            String context = BillerService.settingContext(s.bid(), s.settingId());
            jdbc.sql("update biller_setting set value_cipher = ? where biller_id = ? and setting_id = ?")
                    .params(to.encrypt(from.decrypt(s.sealed(), context), context), s.bid(), s.settingId()).update();
        }
        return keys.size() + settings.size();
    }
}
