package org.oncopredict.gateway.cds;

import java.util.List;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A CDS client's bearer JWT and the audiences this request accepts (the endpoint's URL). */
public final class CdsAuthRequest extends BaseAuthenticationRequest {

    private final String token;
    private final List<String> audiences;

    public CdsAuthRequest(String token, List<String> audiences) {
        this.token = token;
        this.audiences = List.copyOf(audiences);
    }

    public String token() {
        return token;
    }

    public List<String> audiences() {
        return audiences;
    }
}
