package org.ratepayer.multispeak;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a test needs from the machine (the official schema beside the repository, a program such as
 * python3-zeep or mkfifo). On a developer's machine a missing one skips the test with the reason; on
 * CI ({@code CI=true}) it fails the test, because CI installs everything and a green run must mean
 * that every suite ran.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (developer) or fails (CI) the calling test when {@code present} is false. */
    public static void require(boolean present, String what) {
        if (!present && onCi()) {
            fail("CI must have " + what + ", and it is missing");
        }
        assumeTrue(present, what + " is missing; skipping");
    }
}
