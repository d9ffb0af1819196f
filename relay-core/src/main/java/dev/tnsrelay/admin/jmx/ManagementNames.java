package dev.tnsrelay.admin.jmx;

import java.util.Hashtable;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The ObjectNames of an instance's MBeans: {@code dev.tnsrelay:type=<type>,name="<instance>@<port>"[,id=<n>]}
 * (the engine's {@code managementKey()} at the instance's first start), so that several instances in one JVM
 * differ.
 */
public final class ManagementNames {

    /** The domain of every tnsrelay MBean. */
    public static final String DOMAIN = "dev.tnsrelay";

    private ManagementNames() {
    }

    /** @param id the gateway's number, or {@code null} for an MBean of the whole instance */
    public static ObjectName of(String type, String key, Integer id) {
        Hashtable<String, String> keys = new Hashtable<>(Map.of("type", type, "name", ObjectName.quote(key)));
        if (id != null) {
            keys.put("id", id.toString());
        }
        try {
            return new ObjectName(DOMAIN, keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
