package org.ratepayer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.shared.config.RatepayerProperties;
import org.ratepayer.shared.secrets.MasterKeyLoader;
import org.ratepayer.shared.secrets.MasterKeyRotation;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.shared.web.Refusal;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Rotate the master key or a biller's key (docs/operations.md).",
        subcommands = {KeysCommand.RotateMaster.class, KeysCommand.Rotate.class})
class KeysCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Seals every secret in the database again under a new master key, in one transaction. With the key in
     * {@code data/master.key} the new key is written there first as {@code master.key.new}, and only once the database
     * has committed does it take the old one's place (the old one kept as {@code master.key.old}, for backups taken
     * before): a crash in between leaves both files, never secrets without their key. With the key in the environment,
     * the new one is printed, to be set on every node.
     */
    @Command(name = "rotate-master", mixinStandardHelpOptions = true,
            description = "Seal every secret again under a new master key; stop every node first.")
    static class RotateMaster implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() throws IOException {
            try (ConfigurableApplicationContext ctx = CliContext.open(dataDir)) {
                RatepayerProperties props = ctx.getBean(RatepayerProperties.class);
                boolean fromEnvironment = props.masterKey() != null && !props.masterKey().isBlank();
                Path keyFile = props.dataDir().resolve("master.key");
                SecretKey current = MasterKeyLoader.load(props.masterKey(), keyFile);
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                String encoded = Base64.getEncoder().encodeToString(raw);
                Path staged = keyFile.resolveSibling("master.key.new");
                if (!fromEnvironment) {
                    Files.deleteIfExists(staged);
                    Files.createFile(staged, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(staged, encoded + "\n");
                }
                Map<String, Integer> resealed = ctx.getBean(MasterKeyRotation.class).rotate(current, new SecretKeySpec(raw, "AES"));
                resealed.forEach((what, n) -> System.out.println("sealed again: " + n + " " + what));
                if (fromEnvironment) {
                    System.out.println("The database now needs the new master key. On every node set");
                    System.out.println("RATEPAYER_MASTER_KEY=" + encoded);
                    System.out.println("then start it. Keep the old key with the backups taken before now.");
                } else {
                    Files.move(keyFile, keyFile.resolveSibling("master.key.old"), StandardCopyOption.REPLACE_EXISTING);
                    Files.move(staged, keyFile, StandardCopyOption.ATOMIC_MOVE);
                    System.out.println("new master key in " + keyFile + "; the old one is " + keyFile.resolveSibling("master.key.old")
                            + ": keep it with the backups taken before now, then delete it here");
                }
                return 0;
            }
        }
    }

    /** A biller's new key of one kind and environment, as POST /api/v1/billers/{bid}/keys/{kind}/{environment} issues it. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue a biller a new key; the old one stops working at once.")
    static class Rotate implements Callable<Integer> {
        @Option(names = "--biller", required = true, description = "The biller's BID.")
        long bid;
        @Option(names = "--kind", required = true, description = "WEB_SERVICE, API or CPV2.")
        KeyKind kind;
        @Option(names = "--environment", required = true, description = "TEST or PROD.")
        Environment environment;
        @Option(names = "--data-dir", description = "Data directory (default ./data).")
        String dataDir;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = CliContext.open(dataDir)) {
                try {
                    IssuedKey key = ctx.getBean(BillerService.class).rotateKey(bid, kind, environment, "cli");
                    System.out.println(key.kind() + " " + key.environment() + " key of biller " + bid + " (shown once; the old one no longer works):");
                    System.out.println(key.key());
                    return 0;
                } catch (Refusal e) {
                    System.err.println("ratepayer keys: " + e.getMessage());
                    return 1;
                }
            }
        }
    }
}
