package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.users.Role;
import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;

/**
 * Who is calling an MBean: the administrator a remote connection logged in as, or, for code inside this JVM,
 * {@code jmx-local} (the account that runs the server, as cmctl's local authentication has it).
 */
final class JmxCaller {

    /** The principal {@link RemoteJmx} gives an authenticated connection. */
    record Administrator(String name, Role role) implements Principal {
        @Override
        public String getName() {
            return name;
        }

        Caller caller() {
            return new Caller(name, role);
        }
    }

    private JmxCaller() {
    }

    static Caller caller() {
        return administrator().map(Administrator::caller).orElse(Caller.local("jmx-local"));
    }

    @SuppressWarnings("removal") // Subject.current() is Java 18+; this is how Java 17 reads the caller
    static Optional<Administrator> administrator() {
        Subject s = Subject.getSubject(AccessController.getContext());
        return s == null ? Optional.empty()
                : s.getPrincipals(Administrator.class).stream().findFirst();
    }
}
