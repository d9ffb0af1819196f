package dev.tnsrelay.datasource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * The resolver of the tnsrelay instance in this server, reached through the adapter's naming connection factory
 * in JNDI ({@code tnsrelay/naming} unless the deployer chose another name).
 *
 * <p>This class lives in the server's library folder (the common class loader, beside ojdbc), where the JDBC
 * pools of the server and of every application find it; the adapter's classes live in the connector class
 * loader, which the library folder cannot see. So the factory is called by the names of its public API
 * ({@code NetNamingFactory.resolve/resolveThroughGateway}, {@code Resolved.text/method/source}), which the tests
 * of this module call on the real adapter. The factory is looked up at each physical connection: a redeployed
 * adapter is found again, and physical connections are rare next to borrows from a pool.
 */
final class InstanceNaming {

    /** The adapter's connection factory interface, as applications see it. */
    static final String FACTORY = "dev.tnsrelay.adapter.NetNamingFactory";

    private static final Pattern ORA = Pattern.compile("^ORA-(\\d{5})");

    /** A name resolved by the instance: the descriptor to connect with and where it came from. */
    record Route(String descriptor, String method, String source) {
    }

    private InstanceNaming() {
    }

    static Route resolve(String jndiName, String name, boolean throughGateway) throws SQLException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        if (before == null) {
            // Payara's pool allocates with no context class loader; its JNDI needs one to copy what it finds
            thread.setContextClassLoader(InstanceNaming.class.getClassLoader());
        }
        try {
            Object factory = lookup(jndiName);
            Method call = factoryApi(factory, jndiName).getMethod(throughGateway ? "resolveThroughGateway" : "resolve",
                    String.class);
            Object resolved = call.invoke(factory, name);
            return new Route(text(resolved, "text"), text(resolved, "method"), text(resolved, "source"));
        } catch (InvocationTargetException e) {
            throw refused(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLNonTransientConnectionException("tnsrelay: the naming factory at " + jndiName
                    + " does not offer " + FACTORY + "'s methods: " + e, "08001", e);
        } finally {
            if (before == null) {
                thread.setContextClassLoader(null);
            }
        }
    }

    private static Object lookup(String jndiName) throws SQLException {
        try {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(jndiName);
            } finally {
                context.close();
            }
        } catch (NameNotFoundException e) {
            throw new SQLNonTransientConnectionException("tnsrelay: nothing is bound at " + jndiName + ": deploy the"
                    + " tnsrelay adapter and its naming resource there (docs/hosting.md), or set the DataSource's"
                    + " namingResource to the name the deployer chose", "08001", e);
        } catch (NamingException e) {
            throw new SQLNonTransientConnectionException("tnsrelay: cannot look up " + jndiName + ": " + e, "08001", e);
        }
    }

    /** The factory interface among those the object implements (its class is the adapter's, not visible here). */
    private static Class<?> factoryApi(Object factory, String jndiName) throws SQLException {
        for (Class<?> c = factory.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(FACTORY)) {
                    return i;
                }
            }
        }
        throw new SQLNonTransientConnectionException("tnsrelay: " + jndiName + " holds a " + factory.getClass().getName()
                + ", not the tnsrelay adapter's " + FACTORY, "08001");
    }

    private static String text(Object resolved, String accessor) throws ReflectiveOperationException {
        return String.valueOf(resolved.getClass().getMethod(accessor).invoke(resolved));
    }

    /**
     * The adapter's answer as the application's SQLException: its text as it is (it names the identifier, the
     * naming methods tried and the file and line), the ORA code it starts with as the vendor code. A gateway
     * that is not running (an IllegalStateException behind the adapter's ResourceException) may come back.
     */
    private static SQLException refused(Throwable thrown) {
        String message = String.valueOf(thrown.getMessage());
        Matcher ora = ORA.matcher(message);
        int code = ora.find() ? Integer.parseInt(ora.group(1)) : 0;
        boolean mayComeBack = thrown.getCause() instanceof IllegalStateException;
        return mayComeBack ? new SQLTransientConnectionException(message, "08001", code, thrown)
                : new SQLNonTransientConnectionException(message, "08001", code, thrown);
    }
}
