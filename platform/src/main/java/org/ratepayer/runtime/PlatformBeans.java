package org.ratepayer.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billers.ConfigValidator;
import org.ratepayer.secrets.MasterKeyLoader;
import org.ratepayer.secrets.SecretCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RatepayerProperties.class)
public class PlatformBeans {

    @Bean
    SecretCipher secretCipher(RatepayerProperties props) {
        return new SecretCipher(MasterKeyLoader.load(props.masterKey(), props.dataDir().resolve("master.key")));
    }

    @Bean
    ConfigCatalogue configCatalogue() {
        return ConfigCatalogue.standard();
    }

    @Bean
    ConfigValidator configValidator(ObjectMapper json) {
        return new ConfigValidator(json);
    }

    @Bean
    OperatorToken operatorToken(RatepayerProperties props) {
        if (props.operatorToken() != null && !props.operatorToken().isBlank()) {
            return new OperatorToken(props.operatorToken().trim());
        }
        return new OperatorToken(readOrCreate(props.dataDir().resolve("operator-token")));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.notExists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, "rp_op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n",
                            StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first; read theirs
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the operator token file " + file, e);
        }
    }
}
