package org.ratepayer.shared.secrets;

/**
 * A module that keeps secrets sealed with the master key, so that {@link MasterKeyRotation} can seal them all again under
 * a new one (docs/operations.md, "Key rotation"). Each module knows its own rows and the context each was sealed for.
 */
public interface SealedSecrets {

    /** What these secrets are, for the rotation's report ("biller keys"). */
    String what();

    /**
     * Opens every secret with {@code from} and seals it again with {@code to}, in the caller's transaction.
     *
     * @return how many secrets were sealed again
     * @throws SecretCipher.SecretUnreadableException when a secret does not open with {@code from}
     */
    int reseal(SecretCipher from, SecretCipher to);
}
