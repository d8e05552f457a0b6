package org.ratepayer.shared.web;

import java.util.Optional;

/** Who a presented credential belongs to; the billers module knows the keys, every door asks through this. */
public interface CallerAuthenticator {

    /** The operator, if this is the operator's bearer token. */
    Optional<Caller> operator(String bearer);

    /** The biller key's owner, if it is a key of this installation's environment. */
    Optional<Caller> billerKey(String key);
}
