/**
 * The composition root: one Connection Manager instance built from settings (TNS_ADMIN, instance, state folder,
 * JMX mode, clock, executor), its engine, service registry, event log, naming files, admin model and MBeans,
 * started and stopped in order, and started again after a shutdown. The resource adapter and the standalone
 * main both run it. Knows nothing of JCA or the web.
 */
package dev.tnsrelay.instance;
