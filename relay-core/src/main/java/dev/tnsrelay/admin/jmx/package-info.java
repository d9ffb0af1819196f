/**
 * The admin model over JMX: MXBeans (open types only, so any console reads them) for the instance, each
 * gateway, the rule list and the connections, registered in the platform MBeanServer under
 * {@code dev.tnsrelay:type=…,name="<instance>@<port>"}; and an authenticated remote connector bound to loopback.
 */
package dev.tnsrelay.admin.jmx;
