/**
 * The admin model over JMX: MXBeans (open types only, so any console reads them) for the instance, each gateway,
 * the rule list, the connections and the service registry, registered under
 * {@code dev.tnsrelay:type=…,name="<instance>@<port>"}; and an authenticated remote connector whose connections
 * are administration sessions. Every call goes to the model in the caller's name.
 */
package dev.tnsrelay.admin.jmx;
