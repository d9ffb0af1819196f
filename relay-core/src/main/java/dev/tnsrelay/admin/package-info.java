/**
 * The admin model, the one door of the command line, REST, JMX and the screens: typed operations that take a
 * {@link dev.tnsrelay.admin.Caller} and check its role, one snapshot record per thing (status, gateway,
 * connection, rule, parameter, service, event), the audit log, the administration sessions, and the catalogue
 * of cmctl's messages. Text layouts, MBeans and users live in sub-packages by audience. Knows nothing of JCA
 * or the web.
 */
package dev.tnsrelay.admin;
