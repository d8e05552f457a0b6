package org.ratepayer.shared.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals every secret kept in the database again under a new master key, all in one transaction: either every secret
 * opens with the new key afterwards, or nothing changed (docs/operations.md, "Key rotation").
 */
@Component
public class MasterKeyRotation {

    private final List<SealedSecrets> holders;
    private final TransactionTemplate tx;

    public MasterKeyRotation(List<SealedSecrets> holders, PlatformTransactionManager txManager) {
        this.holders = List.copyOf(holders);
        this.tx = new TransactionTemplate(txManager);
    }

    /** @return how many secrets of each kind were sealed again */
    public Map<String, Integer> rotate(SecretKey from, SecretKey to) {
        SecretCipher oldCipher = new SecretCipher(from);
        SecretCipher newCipher = new SecretCipher(to);
        return tx.execute(s -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (SealedSecrets h : holders) {
                counts.merge(h.what(), h.reseal(oldCipher, newCipher), Integer::sum);
            }
            return counts;
        });
    }
}
