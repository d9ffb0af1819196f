package dev.tnsrelay.web;

import dev.tnsrelay.adapter.AdminAccess;
import dev.tnsrelay.admin.Administration;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** The adapter's admin object, {@code tnsrelay/admin} in JNDI: the WAR's only way to the running instance. */
final class AdminModel {

    static final String JNDI_NAME = "tnsrelay/admin";

    private AdminModel() {
    }

    /** @throws IllegalStateException when the adapter or its admin object is not there (answered with 503) */
    static Administration admin() {
        try {
            return ((AdminAccess) new InitialContext().lookup(JNDI_NAME)).administration();
        } catch (NamingException e) {
            throw new IllegalStateException("the tnsrelay adapter's admin object " + JNDI_NAME
                    + " is not bound; create it with: create-admin-object --raname adapter-rar"
                    + " --restype dev.tnsrelay.adapter.AdminAccess " + JNDI_NAME, e);
        }
    }
}
