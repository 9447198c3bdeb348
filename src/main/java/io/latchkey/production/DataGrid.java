package io.latchkey.production;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Whether the application server runs a Hazelcast data grid member, and where it listens. Payara binds its member
 * at {@code payara/Hazelcast} when the grid is on; its port takes administration commands from anyone who joins
 * the grid, so Latchkey's server files switch it off and production mode refuses to serve while it is on. Other
 * servers (WildFly) have no such binding. Read through reflection: the Hazelcast API is Payara's, not the WAR's.
 */
public final class DataGrid {

    static final String JNDI_NAME = "payara/Hazelcast";

    private DataGrid() {
    }

    /** The address the data grid member listens on, if one runs in this server. */
    public static Optional<String> listener() {
        Object member;
        try {
            member = new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
        return member == null ? Optional.empty() : Optional.of(describe(member));
    }

    /** The member's socket address, or what it says of itself when that cannot be read. */
    static String describe(Object member) {
        try {
            Object endpoint = call(member, "getLocalEndpoint");
            return String.valueOf(call(endpoint, "getSocketAddress"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return String.valueOf(member);
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        for (Class<?> type : interfacesOf(target.getClass())) {
            for (Method candidate : type.getMethods()) {
                if (candidate.getName().equals(method) && candidate.getParameterCount() == 0) {
                    return candidate.invoke(target);
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    private static List<Class<?>> interfacesOf(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                all.add(i);
                all.addAll(interfacesOf(i));
            }
        }
        return all;
    }
}
