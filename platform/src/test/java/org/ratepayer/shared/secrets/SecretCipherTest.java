package org.ratepayer.shared.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsAndIsBoundToItsPlace() {
        SecretCipher cipher = new SecretCipher(MasterKeyLoader.load(null, dir.resolve("master.key")));
        byte[] sealed = cipher.encrypt("s3cret-Pwd", "biller 1 setting 10");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(cipher.decrypt(sealed, "biller 1 setting 10")).isEqualTo("s3cret-Pwd");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "biller 2 setting 10"))
                .hasMessageContaining("cannot be decrypted").hasMessageNotContaining("s3cret");
        assertThat(cipher.encrypt("s3cret-Pwd", "x")).isNotEqualTo(cipher.encrypt("s3cret-Pwd", "x"));
    }

    /** A derived secret (the sandbox's webhook secret, docs/ach.md): the same for one key and purpose, another for any other. */
    @Test
    void aDerivedSecretIsStablePerKeyAndPurpose() {
        Path keyFile = dir.resolve("master.key");
        SecretCipher cipher = new SecretCipher(MasterKeyLoader.load(null, keyFile));
        SecretCipher again = new SecretCipher(MasterKeyLoader.load(null, keyFile));
        SecretCipher other = new SecretCipher(MasterKeyLoader.load(null, dir.resolve("other.key")));
        assertThat(cipher.derive("sandbox-webhook:1")).hasSize(32).isEqualTo(again.derive("sandbox-webhook:1"));
        assertThat(cipher.derive("sandbox-webhook:1")).isNotEqualTo(cipher.derive("sandbox-webhook:2"))
                .isNotEqualTo(other.derive("sandbox-webhook:1"));
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        Path keyFile = dir.resolve("master.key");
        SecretCipher first = new SecretCipher(MasterKeyLoader.load(null, keyFile));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        SecretCipher second = new SecretCipher(MasterKeyLoader.load("", keyFile));
        assertThat(second.decrypt(first.encrypt("v", "c"), "c")).isEqualTo("v");
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        Path keyFile = dir.resolve("master.key");
        MasterKeyLoader.load(null, keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKeyLoader.load(null, keyFile)).hasMessageContaining("readable by others");
    }

    @Test
    void environmentKeyWinsAndMustBe256Bits() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        SecretCipher cipher = new SecretCipher(MasterKeyLoader.load(key, dir.resolve("unused.key")));
        assertThat(cipher.decrypt(cipher.encrypt("v", "c"), "c")).isEqualTo("v");
        assertThat(Files.exists(dir.resolve("unused.key"))).isFalse();
        assertThatThrownBy(() -> MasterKeyLoader.load("c2hvcnQ=", dir.resolve("k")))
                .hasMessage("master key from RATEPAYER_MASTER_KEY must be 32 bytes, is 5");
    }
}
