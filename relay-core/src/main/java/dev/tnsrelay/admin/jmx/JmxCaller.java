package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Role;
import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;

/** Who is calling an MBean: the administrator a remote connection logged in as, or {@code jmx-local}. */
final class JmxCaller {

    /** The principal {@link RemoteJmx} gives an authenticated connection. */
    record Administrator(String name, Role role) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    private JmxCaller() {
    }

    static String name() {
        return administrator().map(Administrator::getName).orElse("jmx-local");
    }

    @SuppressWarnings("removal") // Subject.current() is Java 18+; this is how Java 17 reads the caller
    static Optional<Administrator> administrator() {
        Subject s = Subject.getSubject(AccessController.getContext());
        return s == null ? Optional.empty()
                : s.getPrincipals(Administrator.class).stream().findFirst();
    }
}
