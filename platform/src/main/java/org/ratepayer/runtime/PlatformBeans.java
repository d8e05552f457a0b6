package org.ratepayer.runtime;

import org.ratepayer.shared.config.OperatorToken;
import org.ratepayer.shared.config.PublicUrl;
import org.ratepayer.shared.config.RatepayerProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billers.ConfigValidator;
import org.ratepayer.paynow.LocalServices;
import org.ratepayer.shared.secrets.MasterKeyLoader;
import org.ratepayer.shared.secrets.SecretCipher;
import org.ratepayer.shared.secrets.SecretFiles;
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

    /** Pay Now's loopback partner URLs (demo, development) may not point back at this server. */
    @Bean
    LocalServices platformPort(PublicUrl publicUrl) {
        return () -> Set.of(publicUrl.localPort());
    }

    /** The token file made by the first process to start on this data directory, read by every later one. */
    static String readOrCreate(Path file) {
        try {
            return SecretFiles.readOrCreate(file, () -> {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                return "rp_op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n";
            }).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the operator token file " + file, e);
        }
    }
}
