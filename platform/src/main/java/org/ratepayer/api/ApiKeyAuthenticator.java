package org.ratepayer.api;

import java.util.Optional;
import org.ratepayer.billers.BillerKeys;
import org.ratepayer.billers.BillerRepository;
import org.ratepayer.runtime.OperatorToken;
import org.ratepayer.runtime.RatepayerProperties;
import org.springframework.stereotype.Component;

/** Turns a presented credential into a {@link Caller}: the operator token, or a biller key of this installation's environment. */
@Component
public class ApiKeyAuthenticator {

    private final OperatorToken operatorToken;
    private final BillerRepository billers;
    private final RatepayerProperties props;

    public ApiKeyAuthenticator(OperatorToken operatorToken, BillerRepository billers, RatepayerProperties props) {
        this.operatorToken = operatorToken;
        this.billers = billers;
        this.props = props;
    }

    public Optional<Caller> operator(String bearer) {
        return operatorToken.matches(bearer) ? Optional.of(Caller.operatorCaller()) : Optional.empty();
    }

    public Optional<Caller> billerKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        return billers.keyOwner(BillerKeys.fingerprint(key.trim()))
                .filter(owner -> owner.environment() == props.environment())
                .map(owner -> Caller.biller(owner.bid(), owner.kind()));
    }
}
