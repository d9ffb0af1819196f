package dev.tnsrelay.config;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every parameter Oracle documents for a cman.ora PARAMETER_LIST, with its type and default.
 *
 * <p>Defaults follow Oracle's reference where it states them. Where it does not, the choice is marked
 * "tnsrelay" and is the safe one: INBOUND_CONNECT_TIMEOUT is 60 seconds (the database listener's default)
 * rather than unlimited, so that a client that connects and says nothing cannot hold a session forever.
 * {@link #settable} marks what cmctl's SET may change at run time.
 */
public enum CmanParameter {
    ASO_AUTHENTICATION_FILTER(new ParameterType.Switch(), "off", true,
            "Reject clients that do not use Oracle Net authentication (ASO)."),
    CONNECTION_STATISTICS(new ParameterType.Switch(), "no", true,
            "Log bytes and packets of each session when it ends."),
    EVENT_GROUP(new ParameterType.NodeList(), "", true,
            "Event groups to log: init_and_term, memory_ops, conn_hdlg, proc_mgmt, reg_and_load, wake_up, timer, cmd_proc, relay."),
    IDLE_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "0", true,
            "Seconds a session may stay silent before it is closed; 0 is no limit."),
    INBOUND_CONNECT_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "60", true,
            "Seconds a client has to send its whole CONNECT; 0 is no limit (tnsrelay default: 60)."),
    OUTBOUND_CONNECT_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "0", true,
            "Seconds to connect to the next hop; 0 is the system's limit."),
    SESSION_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "0", true,
            "Seconds a session may last; 0 is no limit."),
    LOG_DIRECTORY(new ParameterType.Text(), "", true, "Where the log files are written."),
    LOG_LEVEL(new ParameterType.Choice("off", "user", "admin", "support"), "user", true, "How much is logged."),
    TRACE_DIRECTORY(new ParameterType.Text(), "", true, "Where trace files are written."),
    TRACE_LEVEL(new ParameterType.Choice("off", "user", "admin", "support"), "off", true, "How much is traced."),
    TRACE_FILELEN(new ParameterType.Count(0, Integer.MAX_VALUE), "0", false, "Size of a trace file in KB; 0 is no limit."),
    TRACE_FILENO(new ParameterType.Count(0, Integer.MAX_VALUE), "0", false, "Number of trace files kept in rotation."),
    TRACE_TIMESTAMP(new ParameterType.Switch(), "off", false, "Time-stamp every trace line."),
    DIAG_ADR_ENABLED(new ParameterType.Switch(), "on", false, "Write diagnostics in Oracle's ADR layout."),
    ADR_BASE(new ParameterType.Text(), "", false, "Base directory of the ADR."),
    MAX_CMCTL_SESSIONS(new ParameterType.Count(1, 1024), "4", false, "Administration sessions at once."),
    MAX_CONNECTIONS(new ParameterType.Count(1, 1_000_000), "256", false, "Sessions one gateway holds at most."),
    MAX_GATEWAY_PROCESSES(new ParameterType.Count(1, 64), "16", false, "Gateways (relay loops) at most."),
    MIN_GATEWAY_PROCESSES(new ParameterType.Count(1, 64), "2", false, "Gateways started with the instance."),
    REMOTE_ADMIN(new ParameterType.Switch(), "off", false, "Accept administration from other hosts."),
    VALID_NODE_CHECKING_REGISTRATION(new ParameterType.Choice("on", "off", "local", "subnet", "yes", "no", "true", "false", "0", "1", "2"),
            "on", false, "Who may register services: on/local = this host and the invited nodes, off = anyone."),
    REGISTRATION_INVITED_NODES(new ParameterType.NodeList(), "", false, "Hosts or subnets that may register services."),
    REGISTRATION_EXCLUDED_NODES(new ParameterType.NodeList(), "", false, "Hosts or subnets that may not register services."),
    IP_RATE_COUNT(new ParameterType.Count(0, Integer.MAX_VALUE), "0", false,
            "Connects one client address may make per interval; 0 is no limit."),
    IP_RATE_INTERVAL(new ParameterType.Time(ChronoUnit.SECONDS), "0", false, "Interval for IP_RATE_COUNT, seconds."),
    IP_RATE_BLOCK(new ParameterType.Time(ChronoUnit.MINUTES), "0", false, "Minutes a client over the rate is blocked."),
    REST_ADDRESS(new ParameterType.HostPort(), "", false, "host:port of the administration REST interface."),
    HEALTH_CHECK_INTERVAL(new ParameterType.Time(ChronoUnit.SECONDS), "0", false,
            "tnsrelay extension: seconds between active checks of registered handlers (TCP + TNS probe); 0 is off."),
    TDM(new ParameterType.Switch(), "no", false, "Traffic Director Mode (not offered by tnsrelay)."),
    TDM_THREADING_MODE(new ParameterType.Choice("dedicated", "shared"), "dedicated", false,
            "Threading of Traffic Director Mode (not offered by tnsrelay)."),
    SERVICE_AFFINITY(new ParameterType.Switch(), "off", false, "Service affinity of Traffic Director Mode.");

    private final ParameterType type;
    private final String defaultText;
    private final boolean settable;
    private final String description;

    CmanParameter(ParameterType type, String defaultText, boolean settable, String description) {
        this.type = type;
        this.defaultText = defaultText;
        this.settable = settable;
        this.description = description;
    }

    public static Optional<CmanParameter> byName(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** Reads a value; the message of the exception says what was expected. */
    public Object read(String text) {
        return type.read(text);
    }

    /** A value of this parameter as cman.ora writes it. */
    public String write(Object value) {
        return type.write(value);
    }

    public Object defaultValue() {
        return type.read(defaultText);
    }

    public boolean settable() {
        return settable;
    }

    public String description() {
        return description;
    }
}
