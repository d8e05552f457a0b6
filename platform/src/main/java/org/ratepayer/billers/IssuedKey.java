package org.ratepayer.billers;

/** A key as issued, shown once to whoever created the biller; the database keeps only its hash and ciphertext. */
public record IssuedKey(KeyKind kind, Environment environment, String key) {
}
