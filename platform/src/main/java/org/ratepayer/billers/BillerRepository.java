package org.ratepayer.billers;

import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.bif.FileSpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BillerRepository {

    private final JdbcClient jdbc;

    public BillerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(long bid) {
        return jdbc.sql("select count(*) from biller where biller_id = ?").param(bid).query(Long.class).single() > 0;
    }

    public void insert(Biller b) {
        jdbc.sql("insert into biller (biller_id, guid, name, template, file_spec, time_zone) values (?, ?, ?, ?, ?, ?)")
                .params(b.bid(), b.guid(), b.name(), b.template(), b.fileSpec().format(), b.timeZone().getId())
                .update();
    }

    public Optional<Biller> find(long bid) {
        return jdbc.sql("select * from biller where biller_id = ?").param(bid).query(BillerRepository::biller).optional();
    }

    public Optional<Biller> findByGuid(UUID guid) {
        return jdbc.sql("select * from biller where guid = ?").param(guid).query(BillerRepository::biller).optional();
    }

    public List<Biller> all() {
        return jdbc.sql("select * from biller order by biller_id").query(BillerRepository::biller).list();
    }

    public void updateFileSpec(long bid, FileSpec spec) {
        jdbc.sql("update biller set file_spec = ? where biller_id = ?").params(spec.format(), bid).update();
    }

    public void updateTimeZone(long bid, ZoneId zone) {
        jdbc.sql("update biller set time_zone = ? where biller_id = ?").params(zone.getId(), bid).update();
    }

    public void insertKey(long bid, KeyKind kind, Environment env, byte[] sha256, byte[] cipher, String last4) {
        jdbc.sql("""
                insert into biller_key (biller_id, kind, environment, key_sha256, key_cipher, last4)
                values (?, ?, ?, ?, ?, ?)
                on conflict (biller_id, kind, environment)
                do update set key_sha256 = excluded.key_sha256, key_cipher = excluded.key_cipher,
                              last4 = excluded.last4, created_at = now()
                """).params(bid, kind.name(), env.name(), sha256, cipher, last4).update();
    }

    public List<KeyInfo> keys(long bid) {
        return jdbc.sql("select kind, environment, last4, created_at from biller_key where biller_id = ? order by environment, kind")
                .param(bid)
                .query((rs, n) -> new KeyInfo(KeyKind.valueOf(rs.getString(1)), Environment.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    public List<StoredKey> storedKeys(long bid, Environment env) {
        return jdbc.sql("select kind, key_cipher from biller_key where biller_id = ? and environment = ? order by kind")
                .params(bid, env.name())
                .query((rs, n) -> new StoredKey(KeyKind.valueOf(rs.getString(1)), rs.getBytes(2)))
                .list();
    }

    public Optional<KeyOwner> keyOwner(byte[] sha256) {
        return jdbc.sql("select biller_id, kind, environment from biller_key where key_sha256 = ?")
                .param(sha256)
                .query((rs, n) -> new KeyOwner(rs.getLong(1), KeyKind.valueOf(rs.getString(2)), Environment.valueOf(rs.getString(3))))
                .optional();
    }

    public void insertInvoiceType(long bid, int typeId, String name) {
        jdbc.sql("insert into invoice_type (biller_id, type_id, name) values (?, ?, ?) on conflict do nothing")
                .params(bid, typeId, name).update();
    }

    public List<InvoiceTypeInfo> invoiceTypes(long bid) {
        return jdbc.sql("select type_id, name from invoice_type where biller_id = ? order by type_id").param(bid)
                .query((rs, n) -> new InvoiceTypeInfo(rs.getInt(1), rs.getString(2))).list();
    }

    public boolean invoiceTypeExists(long bid, int typeId) {
        return jdbc.sql("select count(*) from invoice_type where biller_id = ? and type_id = ?").params(bid, typeId)
                .query(Long.class).single() > 0;
    }

    public void upsertOption(long bid, int optionId, int invoiceTypeId, String value) {
        jdbc.sql("""
                insert into biller_option (biller_id, option_id, invoice_type_id, value) values (?, ?, ?, ?)
                on conflict (biller_id, option_id, invoice_type_id) do update set value = excluded.value, updated_at = now()
                """).params(bid, optionId, invoiceTypeId, value).update();
    }

    public void deleteOption(long bid, int optionId, int invoiceTypeId) {
        jdbc.sql("delete from biller_option where biller_id = ? and option_id = ? and invoice_type_id = ?")
                .params(bid, optionId, invoiceTypeId).update();
    }

    public List<StoredOption> options(long bid) {
        return jdbc.sql("select option_id, invoice_type_id, value from biller_option where biller_id = ? order by option_id, invoice_type_id")
                .param(bid)
                .query((rs, n) -> new StoredOption(rs.getInt(1), rs.getInt(2), rs.getString(3))).list();
    }

    public void upsertSetting(long bid, int settingId, String value, byte[] cipher) {
        jdbc.sql("""
                insert into biller_setting (biller_id, setting_id, value, value_cipher) values (?, ?, ?, ?)
                on conflict (biller_id, setting_id)
                do update set value = excluded.value, value_cipher = excluded.value_cipher, updated_at = now()
                """).params(bid, settingId, value, cipher).update();
    }

    public void deleteSetting(long bid, int settingId) {
        jdbc.sql("delete from biller_setting where biller_id = ? and setting_id = ?").params(bid, settingId).update();
    }

    public List<StoredSetting> settings(long bid) {
        return jdbc.sql("select setting_id, value, value_cipher from biller_setting where biller_id = ? order by setting_id")
                .param(bid)
                .query((rs, n) -> new StoredSetting(rs.getInt(1), rs.getString(2), rs.getBytes(3))).list();
    }

    public void recordChange(long bid, String what, String newValue, String actor) {
        jdbc.sql("insert into config_change (biller_id, what, new_value, changed_by) values (?, ?, ?, ?)")
                .params(bid, what, newValue, actor).update();
    }

    private static Biller biller(ResultSet rs, int row) throws SQLException {
        return new Biller(rs.getLong("biller_id"), rs.getObject("guid", UUID.class), rs.getString("name"),
                rs.getString("template"), FileSpec.parse(rs.getString("file_spec")),
                ZoneId.of(rs.getString("time_zone")), rs.getObject("created_at", OffsetDateTime.class));
    }

    public record KeyInfo(KeyKind kind, Environment environment, String last4, OffsetDateTime createdAt) {
    }

    public record StoredKey(KeyKind kind, byte[] cipher) {
    }

    public record KeyOwner(long bid, KeyKind kind, Environment environment) {
    }

    public record InvoiceTypeInfo(int typeId, String name) {
    }

    public record StoredOption(int optionId, int invoiceTypeId, String value) {
    }

    public record StoredSetting(int settingId, String value, byte[] cipher) {
    }
}
