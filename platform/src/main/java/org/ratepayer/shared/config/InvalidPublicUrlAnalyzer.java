package org.ratepayer.shared.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A bad {@code ratepayer.public-url} stops the start with its own message, not a page of stack trace. */
class InvalidPublicUrlAnalyzer extends AbstractFailureAnalyzer<PublicUrl.Invalid> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PublicUrl.Invalid cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set RATEPAYER_PUBLIC_URL (or ratepayer.public-url) to the address payers and partners use, such as "
                        + "https://pay.example.coop, or leave it unset to use http://localhost:PORT. See docs/security.md.",
                cause);
    }
}
