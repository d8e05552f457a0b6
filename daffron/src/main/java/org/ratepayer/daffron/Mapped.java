package org.ratepayer.daffron;

import org.ratepayer.cis.PostingResult;

/** A posting turned into the message element that carries it, or settled without a call (never sent, or unsendable). */
sealed interface Mapped<T> permits Mapped.Send, Mapped.Settled {

    record Send<T>(T message) implements Mapped<T> {
    }

    /** {@code status} is NOT_SENT or FAILED; {@code reason} says why. */
    record Settled<T>(PostingResult.Status status, String reason) implements Mapped<T> {
    }

    static <T> Mapped<T> send(T message) {
        return new Send<>(message);
    }

    static <T> Mapped<T> notSent(String reason) {
        return new Settled<>(PostingResult.Status.NOT_SENT, reason);
    }

    static <T> Mapped<T> failed(String reason) {
        return new Settled<>(PostingResult.Status.FAILED, reason);
    }
}
