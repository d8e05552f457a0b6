package org.ratepayer.billers;

import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;

/** A key as issued, shown once to whoever created the biller; the database keeps only its hash and ciphertext. */
public record IssuedKey(KeyKind kind, Environment environment, String key) {
}
