package org.ratepayer.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238's test vectors (appendix B), then what the sign-in relies on: the window, spent steps, the URI. */
class TotpTest {

    private static final String SHA1_SEED = "12345678901234567890";
    private static final String SHA256_SEED = "12345678901234567890123456789012";
    private static final String SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234";

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
            "HmacSHA1,   59,          94287082",
            "HmacSHA256, 59,          46119246",
            "HmacSHA512, 59,          90693936",
            "HmacSHA1,   1111111109,  07081804",
            "HmacSHA256, 1111111109,  68084774",
            "HmacSHA512, 1111111109,  25091201",
            "HmacSHA1,   1111111111,  14050471",
            "HmacSHA256, 1111111111,  67062674",
            "HmacSHA512, 1111111111,  99943326",
            "HmacSHA1,   1234567890,  89005924",
            "HmacSHA256, 1234567890,  91819424",
            "HmacSHA512, 1234567890,  93441116",
            "HmacSHA1,   2000000000,  69279037",
            "HmacSHA256, 2000000000,  90698825",
            "HmacSHA512, 2000000000,  38618901",
            "HmacSHA1,   20000000000, 65353130",
            "HmacSHA256, 20000000000, 77737706",
            "HmacSHA512, 20000000000, 47863826"})
    void rfc6238Vectors(String algorithm, long time, String expected) {
        String seed = switch (algorithm) {
            case "HmacSHA1" -> SHA1_SEED;
            case "HmacSHA256" -> SHA256_SEED;
            default -> SHA512_SEED;
        };
        assertThat(Totp.code(seed.getBytes(StandardCharsets.US_ASCII), Totp.step(time), 8, algorithm)).isEqualTo(expected);
    }

    /** The six-digit codes an app shows for the RFC's SHA-1 key, typed in Base32 as an otpauth URI carries it. */
    @ParameterizedTest(name = "typed {1} at {0}: step {2}")
    @CsvSource({
            "59,         287082, 1",
            "59,         '287 082', 1",
            "89,         287082, 1",
            "29,         287082, 1",
            "119,        287082, ",
            "1111111109, 081804, 37037036",
            "1111111111, 050471, 37037037",
            "1111111141, 050471, 37037037",
            "1111111171, 050471, ",
            "1234567890, 005924, 41152263",
            "1234567890, 005925, ",
            "1234567890, 00592, ",
            "1234567890, abcdef, "})
    void matchingStep(long now, String typed, Long step) {
        String secret = Totp.base32(SHA1_SEED.getBytes(StandardCharsets.US_ASCII));
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.matchingStep(secret, typed, now)).isEqualTo(step == null ? OptionalLong.empty() : OptionalLong.of(step));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"1", "5", "10", "16", "20", "33"})
    void base32RoundTrip(int length) {
        byte[] data = new byte[length];
        new SecureRandom().nextBytes(data);
        assertThat(Totp.unbase32(Totp.base32(data))).isEqualTo(data);
    }

    @Test
    void secretsAre160BitsAndTheUriIsWhatAppsRead() {
        String secret = Totp.newSecret(new SecureRandom());
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Totp.uri("Ratepayer Tri-County", "ana", "GEZDGNBV"))
                .isEqualTo("otpauth://totp/Ratepayer%20Tri-County:ana?secret=GEZDGNBV&issuer=Ratepayer%20Tri-County"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
