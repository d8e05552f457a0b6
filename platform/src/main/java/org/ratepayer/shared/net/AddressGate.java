package org.ratepayer.shared.net;

import org.ratepayer.shared.web.Caller;

/**
 * Whether a biller's key may be used from an address: the biller's IP allow-list for that kind of key
 * (docs/ip-allow-list.md). The billers module keeps the lists; every door that authenticates a biller key asks here
 * once the key is known. The operator is never refused.
 */
public interface AddressGate {

    /** @throws AddressNotAllowed when the caller's biller lists ranges for this key kind and none holds the address */
    void check(Caller caller, String clientAddress);

    /** A call from an address the biller does not allow; says so without naming the list. */
    final class AddressNotAllowed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public static final String TYPE = "address-not-allowed";
        public static final String TITLE = "Address not allowed";

        public AddressNotAllowed(String address, String keyName) {
            super("calls from " + address + " are not allowed for this biller's " + keyName
                    + "; the biller's IP allow-list decides which addresses may use it");
        }
    }
}
