/**
 * A {@code javax.sql.DataSource} for a net service name, for the JDBC pools of the server and of its applications:
 * resolved by the tnsrelay instance of the same server at each physical connection, routed through its gateway,
 * opened by the Oracle driver's own DataSource. It lives in the server's library folder beside the driver and
 * reaches the adapter through JNDI only.
 */
package dev.tnsrelay.datasource;
