package org.ratepayer.multispeak;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The official MultiSpeak CB_Server.xsd, read from shared/multispeak beside the repository (the
 * build passes its location as the system property {@code multispeak.official.dir}).
 */
public final class OfficialSchema {

    public static final String DIR_PROPERTY = "multispeak.official.dir";

    private OfficialSchema() {
    }

    /** The official schema; the calling test is skipped, with the reason, when it is not there. */
    public static MultiSpeakSchema get() {
        Path xsd = xsd();
        assumeTrue(Files.isRegularFile(xsd), "official MultiSpeak schema not found at " + xsd
                + " (expected shared/multispeak beside the repository); skipping schema validation");
        return Holder.SCHEMA;
    }

    /**
     * The official schema when present, for tests that check more than validity: they still run
     * (and validate nothing) where the schema is missing.
     */
    public static Optional<MultiSpeakSchema> ifAvailable() {
        return Files.isRegularFile(xsd()) ? Optional.of(Holder.SCHEMA) : Optional.empty();
    }

    static Path xsd() {
        String dir = System.getProperty(DIR_PROPERTY, "../../shared/multispeak");
        return Path.of(dir).resolve("CB_Server.xsd").toAbsolutePath().normalize();
    }

    /** Loaded once per test JVM: parsing the 400 kB schema takes a while. */
    private static final class Holder {
        static final MultiSpeakSchema SCHEMA = MultiSpeakSchema.load(xsd());
    }
}
