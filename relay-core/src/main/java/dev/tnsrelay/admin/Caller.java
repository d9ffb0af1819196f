package dev.tnsrelay.admin;

import dev.tnsrelay.admin.users.Role;

/**
 * Who asks the admin model for something: the name the audit log records and the role every operation checks
 * (MONITOR looks, ADMIN changes). The doors only say who it is, once authenticated; the model decides.
 */
public record Caller(String name, Role role) {

    /** Code inside the server's own JVM (an in-process JMX client): the account that runs it, as cmctl's LOSA. */
    public static Caller local(String name) {
        return new Caller(name, Role.ADMIN);
    }

    public boolean mayChange() {
        return role.mayChange();
    }
}
