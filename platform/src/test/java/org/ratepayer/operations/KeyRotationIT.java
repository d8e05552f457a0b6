package org.ratepayer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.shared.config.RatepayerProperties;
import org.ratepayer.shared.secrets.MasterKeyLoader;
import org.ratepayer.shared.secrets.MasterKeyRotation;
import org.ratepayer.shared.secrets.SecretCipher;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.beans.factory.annotation.Autowired;

/** Key rotation (docs/operations.md, "Key rotation"): the master key's, and a biller's key's. */
class KeyRotationIT extends PlatformIT {

    @Autowired
    MasterKeyRotation rotation;

    @Autowired
    RatepayerProperties props;

    private record Sealed(String context, byte[] sealed) {
    }

    private List<Sealed> sealedOf(long bid) {
        List<Sealed> keys = jdbc.sql("select kind, environment, key_cipher from biller_key where biller_id = ?").param(bid)
                .query((rs, n) -> new Sealed("biller " + bid + " key " + rs.getString(1) + " " + rs.getString(2), rs.getBytes(3))).list();
        List<Sealed> settings = jdbc.sql("select setting_id, value_cipher from biller_setting where biller_id = ? and value_cipher is not null")
                .param(bid).query((rs, n) -> new Sealed("biller " + bid + " setting " + rs.getInt(1), rs.getBytes(2))).list();
        return java.util.stream.Stream.concat(keys.stream(), settings.stream()).toList();
    }

    @Test
    void afterAMasterKeyRotationEverySecretOpensWithTheNewKeyAndNotWithTheOld() {
        TestBiller b = newBiller();
        billerService.setSetting(b.bid(), 10, TextNode.valueOf("Toolbox-Secret"), "test");
        SecretKey old = MasterKeyLoader.load(props.masterKey(), props.dataDir().resolve("master.key"));
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretKey fresh = new SecretKeySpec(raw, "AES");
        SecretCipher oldCipher = new SecretCipher(old);
        SecretCipher newCipher = new SecretCipher(fresh);
        List<String> keysBefore = billerService.revealKeys(b.bid(), Environment.TEST).stream().map(IssuedKey::key).toList();

        Map<String, Integer> resealed = rotation.rotate(old, fresh);
        try {
            assertThat(resealed.get("biller keys and secret settings")).isGreaterThanOrEqualTo(7);
            List<Sealed> sealed = sealedOf(b.bid());
            assertThat(sealed).hasSize(7); // three kinds of key in two environments, and setting 10
            for (Sealed s : sealed) {
                assertThat(newCipher.decrypt(s.sealed(), s.context())).isNotBlank();
                assertThatThrownBy(() -> oldCipher.decrypt(s.sealed(), s.context()))
                        .isInstanceOf(SecretCipher.SecretUnreadableException.class);
            }
            assertThat(newCipher.decrypt(sealed.stream().filter(s -> s.context().endsWith("setting 10")).findFirst().orElseThrow()
                    .sealed(), "biller " + b.bid() + " setting 10")).isEqualTo("Toolbox-Secret");
            assertThat(sealed.stream().filter(s -> s.context().endsWith(" TEST")).map(s -> newCipher.decrypt(s.sealed(), s.context())))
                    .containsExactlyInAnyOrderElementsOf(keysBefore);
        } finally {
            // the rest of the suite shares this context, whose cipher holds the old key
            rotation.rotate(fresh, old);
        }
        assertThat(billerService.revealKeys(b.bid(), Environment.TEST).stream().map(IssuedKey::key).toList())
                .containsExactlyInAnyOrderElementsOf(keysBefore);
    }

    @Test
    void aRotatedBillerKeyWorksAtOnceAndTheOldOneStopsWithinTheNodesFiveSecondCache() throws InterruptedException {
        TestBiller b = newBiller();
        String path = "/api/v1/billers/" + b.bid() + "/payments";
        assertThat(getJson(path, b.apiKey()).status()).isEqualTo(200);

        String fresh = billerService.rotateKey(b.bid(), KeyKind.API, Environment.TEST, "test").key();

        assertThat(getJson(path, fresh).status()).isEqualTo(200);
        // no grace period: the database forgets the old key at once; a node that saw it within the last five seconds
        // still knows it until then (ApiKeyAuthenticator's cache)
        long rotatedAt = System.nanoTime();
        int status;
        while ((status = getJson(path, b.apiKey()).status()) == 200 && System.nanoTime() - rotatedAt < 10_000_000_000L) {
            Thread.sleep(250);
        }
        assertThat(status).isEqualTo(401);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - rotatedAt)).isLessThan(java.time.Duration.ofSeconds(6));
        assertThat(getJson(path, fresh).status()).isEqualTo(200);
    }
}
