package io.latchkey.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * The one place that touches {@code sun.misc.Signal}, by reflection: the class is not compiled against (javac warns
 * of every use of it), and servers whose module system hides {@code jdk.unsupported} from applications (WildFly)
 * can still load {@link GracefulStop} and the quickstart, which then keep the JVM's own handling of the signal.
 */
public final class TermSignal {

    private TermSignal() {
    }

    /** Runs this, on a thread of its own, on SIGTERM, instead of the JVM's immediate exit. */
    static void onTerm(Runnable stop) {
        if (!on("TERM", stop)) {
            throw new IllegalArgumentException("no handler of SIGTERM can be installed here");
        }
    }

    /**
     * Runs {@code action} on a daemon thread of its own when the named signal ({@code TERM}, {@code INT}) arrives,
     * instead of the JVM's exit. False where this JVM cannot: no {@code sun.misc}, or the signal is the JVM's.
     */
    public static boolean on(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            InvocationHandler calls = (proxy, method, arguments) -> switch (method.getName()) {
                case "handle" -> {
                    Thread thread = new Thread(action, "signal-" + name.toLowerCase(java.util.Locale.ROOT));
                    thread.setDaemon(true);
                    thread.start();
                    yield null;
                }
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "handler of SIG" + name;
            };
            Object onSignal = Proxy.newProxyInstance(TermSignal.class.getClassLoader(), new Class<?>[] {handler}, calls);
            signal.getMethod("handle", signal, handler)
                    .invoke(null, signal.getConstructor(String.class).newInstance(name), onSignal);
            return true;
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
