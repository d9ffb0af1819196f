package dev.tnsrelay.adapter;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Users;

/**
 * The running instance's admin model, for the admin WAR: an administered object the deployer binds in JNDI
 * ({@code create-admin-object --raname adapter-rar --restype dev.tnsrelay.adapter.AdminAccess tnsrelay/admin}).
 */
public interface AdminAccess {

    /** @throws IllegalStateException when the gateway is not running */
    Administration administration();

    /** Who may log in to the admin screens, the REST API and remote JMX. */
    Users users();
}
