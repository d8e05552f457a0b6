package org.ratepayer.multispeak;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * MultiSpeak clients whose every message is kept ({@link WireTap}) and, after each test, checked against
 * the official schema (where its folder is present). Register as a static {@code @RegisterExtension}
 * field: the tap is cleared before each test, and the factory closed after the last.
 */
public final class TappedClients implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final WireTap tap = new WireTap();
    private final BooleanSupplier check;
    private MultiSpeakClientFactory factory;

    public TappedClients() {
        this(() -> true);
    }

    /** @param check whether a test's messages are to be checked (tests that break replies on purpose say no) */
    public TappedClients(BooleanSupplier check) {
        this.check = check;
    }

    public WireTap tap() {
        return tap;
    }

    public synchronized MultiSpeakClientFactory factory() {
        if (factory == null) {
            factory = tap.factory();
        }
        return factory;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tap.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (check.getAsBoolean()) {
            OfficialSchema.ifAvailable().ifPresent(tap::assertAllValid);
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (factory != null) {
            factory.close();
            factory = null;
        }
    }
}
