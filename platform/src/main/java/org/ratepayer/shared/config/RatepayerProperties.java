package org.ratepayer.shared.config;

import java.nio.file.Path;
import java.time.Duration;
import org.ratepayer.shared.web.Environment;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ratepayer's own configuration ({@code ratepayer.*}, or environment variables such as
 * {@code RATEPAYER_DATA_DIR}, {@code RATEPAYER_OPERATOR_TOKEN}, {@code RATEPAYER_MASTER_KEY}).
 *
 * @param dataDir where the embedded database, key files and drop folders live
 * @param environment which of a biller's key sets this installation accepts
 * @param operatorToken the admin API's bearer token; when empty one is generated into the data dir
 * @param masterKey base64 AES-256 key for secrets at rest; when empty a key file in the data dir is used
 */
@ConfigurationProperties("ratepayer")
public record RatepayerProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue("PROD") Environment environment,
        String operatorToken,
        String masterKey,
        @DefaultValue EmbeddedDb embeddedDb,
        @DefaultValue DropFolder dropFolder) {

    /** @param port 0 picks a free port */
    public record EmbeddedDb(@DefaultValue("0") int port) {
    }

    /**
     * @param root each biller's landing directory is {@code root/BID}; defaults to {@code dataDir/dropbox}
     * @param settle a file's size and modification time must stay the same this long, across scans, before it is
     *        picked up (SFTP servers write uploads in place); a {@code NAME.done} marker makes it complete at once
     */
    public record DropFolder(Path root, @DefaultValue("10s") Duration scanInterval, @DefaultValue("30s") Duration settle,
            @DefaultValue("true") boolean enabled) {
    }

    public Path dropFolderRoot() {
        return dropFolder.root() != null ? dropFolder.root() : dataDir.resolve("dropbox");
    }
}
