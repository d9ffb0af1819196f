/**
 * The JCA resource adapter: runs the relay-core engine on the server's WorkManager and offers applications
 * a connection factory that resolves net service names to connect descriptors. Small on purpose: the
 * engine is relay-core's; this package only hosts it.
 */
package dev.tnsrelay.adapter;
