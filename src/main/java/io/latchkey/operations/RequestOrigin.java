package io.latchkey.operations;

import jakarta.enterprise.context.RequestScoped;

/** Where the current request comes from, as the audit trail records it; empty outside requests (timers). */
@RequestScoped
public class RequestOrigin {

    private String clientAddress;
    private String userAgent;

    void set(String clientAddress, String userAgent) {
        this.clientAddress = clientAddress;
        this.userAgent = userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String userAgent() {
        return userAgent;
    }
}
