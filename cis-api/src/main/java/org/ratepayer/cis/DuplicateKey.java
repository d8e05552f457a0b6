package org.ratepayer.cis;

import java.util.Objects;

/**
 * What a CIS recognises a repeated payment by. A CIS that answers a payment as a duplicate has seen
 * this value before; that proves an earlier attempt of the same posting got through only when no other
 * payment of the biller carries the same value (docs/postings.md).
 *
 * @param value         the value sent (Daffron: the tender's {@code transactionId} extension)
 * @param uniqueSetting the biller's setting, and its value, that gives every payment a value of its own,
 *                      in words for staff
 */
public record DuplicateKey(String value, String uniqueSetting) {

    public DuplicateKey {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(uniqueSetting, "uniqueSetting");
    }
}
