package org.ratepayer.shared.web;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by the operator token or a biller key. Holds no credential. */
final class CallerAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;


    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority(caller.operator() ? "ROLE_OPERATOR" : "ROLE_BILLER")));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }
}
