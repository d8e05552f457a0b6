package org.ratepayer.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A second Ratepayer on the same embedded database stops with what to do, not a page of stack trace. */
class DataDirectoryInUseAnalyzer extends AbstractFailureAnalyzer<EmbeddedDataDirectory.InUse> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDataDirectory.InUse cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Stop the Ratepayer already running here (Ctrl-C in its terminal), or start this one with a data directory "
                        + "of its own: RATEPAYER_DATA_DIR=/some/other/dir ./ratepayer demo. See docs/operations.md.",
                cause);
    }
}
