package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.remote.MBeanServerForwarder;

/**
 * What a remote JMX console may reach (issue 11): the platform MBeanServer holds the whole JVM — system properties,
 * JVM arguments, thread dumps, {@code DiagnosticCommand} (agent loading, VM flags), {@code HotSpotDiagnostic}
 * (setVMOption, heap dumps), MLet and {@code createMBean} — so the connector sees only this:
 *
 * <ul>
 * <li>tnsrelay's MXBeans ({@code dev.tnsrelay:*}): every attribute and operation, each checked by the admin model
 *     for the caller's role (a monitor reads and runs show/count, an administrator also changes);</li>
 * <li>harmless platform figures, to read only ({@link #PLATFORM_READS}): uptime and VM name, heap and pool usage,
 *     thread counts, class counts, CPU load and file descriptors, GC counts and times;</li>
 * <li>the MBeanServer delegate's registration notifications, as consoles listen to them.</li>
 * </ul>
 * Everything else is refused to everyone, administrators too, with a {@link SecurityException}: other attributes
 * and MBeans, every platform operation and attribute write, creating, registering and removing MBeans. Queries
 * list only what may be seen. Refused operations (not reads) are written to the audit log.
 */
final class JmxAccess implements InvocationHandler {

    /** The platform attributes a console may read, by ObjectName pattern: figures only, no names, paths or settings. */
    static final Map<String, Set<String>> PLATFORM_READS = Map.of(
            "java.lang:type=Runtime", Set.of("Uptime", "StartTime", "VmName", "VmVendor", "VmVersion"),
            "java.lang:type=Memory", Set.of("HeapMemoryUsage", "NonHeapMemoryUsage", "ObjectPendingFinalizationCount"),
            "java.lang:type=Threading", Set.of("ThreadCount", "PeakThreadCount", "DaemonThreadCount",
                    "TotalStartedThreadCount"),
            "java.lang:type=ClassLoading", Set.of("LoadedClassCount", "TotalLoadedClassCount", "UnloadedClassCount"),
            "java.lang:type=OperatingSystem", Set.of("AvailableProcessors", "SystemLoadAverage", "ProcessCpuLoad",
                    "CpuLoad", "SystemCpuLoad", "ProcessCpuTime", "OpenFileDescriptorCount", "MaxFileDescriptorCount"),
            "java.lang:type=GarbageCollector,*", Set.of("Name", "CollectionCount", "CollectionTime"),
            "java.lang:type=MemoryPool,*", Set.of("Name", "Usage", "PeakUsage", "CollectionUsage"));

    private static final Set<String> REFUSED_TO_ALL = Set.of("createMBean", "registerMBean", "unregisterMBean",
            "instantiate", "deserialize");

    private final Administration admin;
    private final List<Map.Entry<ObjectName, Set<String>>> reads;
    private MBeanServer target;

    private JmxAccess(Administration admin) {
        this.admin = admin;
        this.reads = PLATFORM_READS.entrySet().stream().map(e -> Map.entry(name(e.getKey()), e.getValue())).toList();
    }

    static MBeanServerForwarder forwarder(Administration admin) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new JmxAccess(admin));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String m = method.getName();
        switch (m) {
            case "getMBeanServer":
                return target;
            case "setMBeanServer":
                target = (MBeanServer) args[0];
                return null;
            case "getDefaultDomain", "getClassLoaderRepository", "getClassLoader", "getClassLoaderFor":
                // the connector's own use, to read a call's parameters; no remote client can ask for these
                return call(method, args);
            case "queryNames":
                return ((Set<?>) call(method, args)).stream().filter(n -> visible((ObjectName) n))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
            case "queryMBeans":
                return ((Set<?>) call(method, args)).stream().filter(i -> visible(((ObjectInstance) i).getObjectName()))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
            case "getMBeanCount":
                return (int) target.queryNames(null, null).stream().filter(this::visible).count();
            case "getDomains":
                return target.queryNames(null, null).stream().filter(this::visible).map(ObjectName::getDomain)
                        .distinct().toArray(String[]::new);
            default:
                break;
        }
        if (REFUSED_TO_ALL.contains(m)) {
            throw refused(m + (args != null && args.length > 0 ? " " + args[0] : ""), m
                    + " is refused to every remote JMX caller");
        }
        ObjectName name = args != null && args.length > 0 && args[0] instanceof ObjectName n ? n : null;
        if (name == null) {
            throw new SecurityException("remote JMX: " + m + " is not offered");
        }
        if (ours(name)) {
            return call(method, args); // the MXBeans ask the model, which checks the caller's role
        }
        return switch (m) {
            case "getAttribute" -> {
                if (!readable(name, (String) args[1])) {
                    throw new SecurityException("remote JMX: " + name + " " + args[1] + " is not readable remotely");
                }
                yield call(method, args);
            }
            case "getAttributes" -> {
                String[] wanted = (String[]) args[1];
                String[] allowed = java.util.Arrays.stream(wanted).filter(a -> readable(name, a)).toArray(String[]::new);
                if (!visible(name)) {
                    throw new SecurityException("remote JMX: " + name + " is not readable remotely");
                }
                yield target.getAttributes(name, allowed);
            }
            case "getMBeanInfo", "getObjectInstance", "isInstanceOf" -> {
                if (!visible(name)) {
                    throw new SecurityException("remote JMX: " + name + " is not visible remotely");
                }
                yield call(method, args);
            }
            case "isRegistered" -> visible(name) && target.isRegistered(name);
            case "addNotificationListener", "removeNotificationListener" -> {
                boolean delegate = name.equals(MBeanServerDelegate.DELEGATE_NAME);
                boolean byObject = args.length > 1 && args[1] instanceof ObjectName;
                if (!(delegate || visible(name)) || byObject) {
                    throw new SecurityException("remote JMX: no listening to " + name);
                }
                yield call(method, args);
            }
            case "setAttribute", "setAttributes" -> throw refused(m + " " + name + " " + attributeNames(args[1]),
                    "platform attributes are read-only remotely");
            case "invoke" -> throw refused("invoke " + name + " " + args[1], "platform operations are refused remotely");
            default -> throw new SecurityException("remote JMX: " + m + " is not offered");
        };
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private SecurityException refused(String what, String why) {
        Caller caller = JmxCaller.caller();
        admin.refused(caller, "jmx " + what, why);
        return new SecurityException("remote JMX: " + why + " (" + what + ")");
    }

    private static boolean ours(ObjectName name) {
        return ManagementNames.DOMAIN.equals(name.getDomain());
    }

    private boolean visible(ObjectName name) {
        return ours(name) || reads.stream().anyMatch(r -> r.getKey().apply(name));
    }

    private boolean readable(ObjectName name, String attribute) {
        return reads.stream().anyMatch(r -> r.getKey().apply(name) && r.getValue().contains(attribute));
    }

    private static String attributeNames(Object attributes) {
        if (attributes instanceof Attribute a) {
            return a.getName();
        }
        if (attributes instanceof AttributeList l) {
            return l.asList().stream().map(Attribute::getName).collect(Collectors.joining(","));
        }
        return String.valueOf(attributes);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
