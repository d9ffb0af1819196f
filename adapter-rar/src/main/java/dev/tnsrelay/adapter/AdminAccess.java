package dev.tnsrelay.adapter;

import dev.tnsrelay.admin.Administration;

/**
 * The running instance's admin model, for the admin WAR: an administered object the deployer binds in JNDI
 * ({@code create-admin-object --raname adapter-rar --restype dev.tnsrelay.adapter.AdminAccess tnsrelay/admin}).
 * The model authenticates callers and checks their roles itself.
 */
public interface AdminAccess {

    /** @throws IllegalStateException when the adapter is not started */
    Administration administration();
}
