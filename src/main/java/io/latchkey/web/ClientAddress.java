package io.latchkey.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind a request. X-Forwarded-For is believed only when the connection comes from a
 * configured proxy (TRUSTED_PROXIES), and then read from the right: the first address that is not a trusted proxy
 * is the client. Anyone else can write any X-Forwarded-For they like.
 */
@ApplicationScoped
public class ClientAddress {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    /** The longest IPv6 literal (with an embedded IPv4 address). */
    private static final int MAX_IPV6_LENGTH = 45;

    @Inject
    @ConfigProperty(name = "trusted.proxies")
    Optional<String> configuredProxies;

    private Set<String> trustedProxies;

    @PostConstruct
    void init() {
        trustedProxies = Arrays.stream(configuredProxies.orElse("").split(","))
                .map(String::strip).filter(p -> !p.isEmpty() && !"none".equalsIgnoreCase(p))
                .map(ClientAddress::canonical).collect(Collectors.toUnmodifiableSet());
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), chain(request.getHeaders("X-Forwarded-For")));
    }

    /**
     * Every X-Forwarded-For line, in order, as one list: HAProxy's {@code option forwardfor} adds a line of its own
     * rather than extending the client's, and reading only the first line would believe whatever the client wrote.
     */
    static String chain(java.util.Enumeration<String> lines) {
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        return String.join(",", java.util.Collections.list(lines));
    }

    /** The client of a connection from {@code peer} that says {@code forwarded} (null when it says nothing). */
    String of(String connection, String forwarded) {
        String peer = canonical(connection);
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isIpLiteral(hop)) {
                return peer;
            }
            hop = canonical(hop);
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * One spelling per address, as people read it and as throttle keys need it: IPv6 in RFC 5952's short form
     * ({@code ::1}, not the servlet container's {@code 0:0:0:0:0:0:0:1}), an IPv4-mapped IPv6 address as IPv4. Text
     * that is not an address literal (null included) comes back unchanged.
     */
    public static String canonical(String address) {
        if (address == null || IPV4.matcher(address).matches() || !IPV6_CHARACTERS.matcher(address).matches()
                || address.length() > MAX_IPV6_LENGTH) {
            return address;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();   // a literal: no name lookup
        } catch (UnknownHostException e) {
            return address;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups (the first of equals) becomes "::".
        int runStart = -1;
        int runLength = 0;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > runLength && length >= 2) {
                runStart = i;
                runLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /**
     * A real IPv4 or IPv6 literal, nothing longer: what a header says goes to the database and into throttle keys.
     * (An IPv6 literal is parsed without any name lookup: it cannot be a host name.)
     */
    static boolean isIpLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (text.length() > MAX_IPV6_LENGTH || !IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(text);   // an IPv4-mapped literal comes back as IPv4: both are fine
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
