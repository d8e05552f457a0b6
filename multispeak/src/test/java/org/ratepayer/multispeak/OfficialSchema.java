package org.ratepayer.multispeak;

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

    /** The official schema; without it the calling test is skipped with the reason, or fails on CI. */
    public static MultiSpeakSchema get() {
        Path xsd = xsd();
        Prerequisites.require(Files.isRegularFile(xsd), "the official MultiSpeak schema at " + xsd
                + " (shared/multispeak beside the repository)");
        return Holder.SCHEMA;
    }

    /**
     * The official schema when present, for tests that check more than validity: on a developer's
     * machine without it they still run (and validate nothing); on CI its absence fails them.
     */
    public static Optional<MultiSpeakSchema> ifAvailable() {
        if (Prerequisites.onCi()) {
            return Optional.of(get());
        }
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
