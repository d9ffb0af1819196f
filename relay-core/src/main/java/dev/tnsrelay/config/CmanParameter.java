package dev.tnsrelay.config;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every parameter Oracle documents for a cman.ora PARAMETER_LIST, with its type, its default and whether
 * tnsrelay honours it ({@link Support}): what it does not honour is refused at load and at SET, never accepted
 * and ignored. tnsrelay's own extensions (HEALTH_CHECK_INTERVAL, LOG_FILELEN, LOG_FILENO) say so.
 *
 * <p>Defaults follow Oracle's reference where it states them. Where it does not, the choice is marked
 * "tnsrelay" and is the safe one: INBOUND_CONNECT_TIMEOUT is 60 seconds (the database listener's default)
 * rather than unlimited, so that a client that connects and says nothing cannot hold a session forever.
 * {@link #settable} marks what cmctl's SET may change at run time.
 */
public enum CmanParameter {
    ASO_AUTHENTICATION_FILTER(new ParameterType.Switch(), "off", true,
            "Refuse clients that do not use Oracle Net authentication (ASO): not offered, only off.", NotOffered.ASO_OFF),
    CONNECTION_STATISTICS(new ParameterType.Switch(), "no", true,
            "Log each session's duration and bytes each way when it ends (a CONN_STATS line).", Support.honoured()),
    EVENT_GROUP(new ParameterType.Choices(EventGroup.names()), String.join(",", EventGroup.withEvents()), true,
            "Event groups written to the log (tnsrelay: all it has events for).", NotOffered.EVENT_GROUPS),
    IDLE_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "0", true,
            "Seconds a session may stay silent before it is closed; 0 is no limit.", Support.honoured()),
    INBOUND_CONNECT_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "60", true,
            "Seconds a client has to send its whole CONNECT; 0 is no limit (tnsrelay default: 60).", Support.honoured()),
    OUTBOUND_CONNECT_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "0", true,
            "Seconds to connect to the next hop; 0 is the system's limit.", Support.honoured()),
    SESSION_TIMEOUT(new ParameterType.Time(ChronoUnit.SECONDS), "0", true,
            "Seconds a session may last; 0 is no limit.", Support.honoured()),
    LOG_DIRECTORY(new ParameterType.Directory(), "", true,
            "Absolute directory of the instance's log file; empty: no log file.", Support.honoured()),
    LOG_LEVEL(new ParameterType.Choice("off", "user", "admin", "support"), "user", true,
            "How much the log file says: off, user, admin (+ sessions), support (+ handshakes).", Support.honoured()),
    LOG_FILELEN(new ParameterType.Count(1, 1_048_576), "10240", true,
            "tnsrelay extension: KB a log file reaches before it is rotated.", Support.honoured()),
    LOG_FILENO(new ParameterType.Count(1, 1000), "10", true,
            "tnsrelay extension: log files kept, the current one included.", Support.honoured()),
    TRACE_DIRECTORY(new ParameterType.Text(), "", true, "Oracle Net trace files: not offered.",
            NotOffered.TRACE_REFUSED),
    TRACE_LEVEL(new ParameterType.Choice("off", "user", "admin", "support"), "off", true,
            "Oracle Net tracing: not offered, only off.", NotOffered.TRACE_OFF),
    TRACE_FILELEN(new ParameterType.Count(0, Integer.MAX_VALUE), "0", false, "Size of a trace file: not offered.",
            NotOffered.TRACE_SIZE_REFUSED),
    TRACE_FILENO(new ParameterType.Count(0, Integer.MAX_VALUE), "0", false, "Number of trace files: not offered.",
            NotOffered.TRACE_SIZE_REFUSED),
    TRACE_TIMESTAMP(new ParameterType.Switch(), "off", false, "Time stamps in trace files: not offered, only off.",
            NotOffered.TRACE_OFF),
    DIAG_ADR_ENABLED(new ParameterType.Switch(), "off", false,
            "Diagnostics in Oracle's ADR layout: not offered, only off (tnsrelay default: off).", NotOffered.ADR_OFF),
    ADR_BASE(new ParameterType.Text(), "", false, "Base directory of the ADR: not offered.", NotOffered.ADR_REFUSED),
    MAX_CMCTL_SESSIONS(new ParameterType.Count(1, 1024), "4", false, "Administration sessions at once.",
            Support.honoured()),
    MAX_CONNECTIONS(new ParameterType.Count(1, 1_000_000), "256", false, "Sessions one gateway holds at most.",
            Support.honoured()),
    MAX_GATEWAY_PROCESSES(new ParameterType.Count(1, 64), "16", false, "Gateways (relay loops) at most.",
            Support.honoured()),
    MIN_GATEWAY_PROCESSES(new ParameterType.Count(1, 64), "2", false, "Gateways started with the instance.",
            Support.honoured()),
    REMOTE_ADMIN(new ParameterType.Switch(), "off", false, "Administration from other hosts: not offered in cman.ora.",
            NotOffered.REMOTE_ADMIN),
    VALID_NODE_CHECKING_REGISTRATION(new ParameterType.Choice("on", "off", "local", "subnet", "yes", "no", "true", "false", "0", "1", "2"),
            "on", false, "Who may register services: on/local = this host and the invited nodes, off = anyone.",
            NotOffered.VALID_NODE_CHECKING),
    REGISTRATION_INVITED_NODES(new ParameterType.NodeList(), "", false, "Hosts or subnets that may register services.",
            Support.honoured()),
    REGISTRATION_EXCLUDED_NODES(new ParameterType.NodeList(), "", false,
            "Hosts or subnets that may not register services.", Support.honoured()),
    IP_RATE_COUNT(new ParameterType.Count(0, Integer.MAX_VALUE), "0", true,
            "New connections one client address may make per IP_RATE_INTERVAL on one listening endpoint; 0 is no limit."
                    + " Over it the address gets ORA-12530 and is blocked.", Support.honoured()),
    IP_RATE_INTERVAL(new ParameterType.Time(ChronoUnit.SECONDS), "1", true,
            "Seconds over which IP_RATE_COUNT is counted (tnsrelay default: 1).", Support.honoured()),
    IP_RATE_BLOCK(new ParameterType.Time(ChronoUnit.MINUTES), "0", true,
            "Minutes an address over the rate stays blocked; 0: only until its interval ends.", Support.honoured()),
    MAX_HANDSHAKES(new ParameterType.Count(1, 1_000_000), "4096", true,
            "tnsrelay extension: sessions in their handshake (CONNECT not yet answered) at once in the instance;"
                    + " one more is closed at once.", Support.honoured()),
    MAX_HANDSHAKES_PER_SOURCE(new ParameterType.Count(1, 1_000_000), "512", true,
            "tnsrelay extension: sessions in their handshake at once from one client address; one more is closed"
                    + " at once.", Support.honoured()),
    PROXY_FROM(new ParameterType.Subnets(), "", false,
            "tnsrelay extension: addresses or /nn subnets of the load balancers in front that send a PROXY protocol"
                    + " header (v1 or v2); a connection from them must begin with one, one from elsewhere must not;"
                    + " empty: off.", Support.honoured()),
    PROXY_TO_NEXT_HOP(new ParameterType.Choice("off", "v1", "v2"), "off", false,
            "tnsrelay extension: send the next hop a PROXY protocol header (v1 or v2) with the client's address.",
            Support.honoured()),
    REST_ADDRESS(new ParameterType.HostPort(), "", false, "host:port of CMAN's REST interface: not offered.",
            NotOffered.REST_ADDRESS),
    HEALTH_CHECK_INTERVAL(new ParameterType.Time(ChronoUnit.SECONDS), "0", false,
            "tnsrelay extension: seconds between active checks of registered handlers (TCP + TNS probe); 0 is off.",
            Support.honoured()),
    TDM(new ParameterType.Switch(), "no", false, "Traffic Director Mode: not offered, only no.", NotOffered.TDM_OFF),
    TDM_THREADING_MODE(new ParameterType.Choice("dedicated", "shared"), "dedicated", false,
            "Threading of Traffic Director Mode: not offered.", NotOffered.TDM_REFUSED),
    SERVICE_AFFINITY(new ParameterType.Switch(), "off", false, "Service affinity of Traffic Director Mode: not offered.",
            NotOffered.TDM_REFUSED);

    private final ParameterType type;
    private final String defaultText;
    private final boolean settable;
    private final String description;
    private final Support support;

    CmanParameter(ParameterType type, String defaultText, boolean settable, String description, Support support) {
        this.type = type;
        this.defaultText = defaultText;
        this.settable = settable;
        this.description = description;
        this.support = support;
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

    /**
     * Reads a value that tnsrelay honours: what {@link #read} accepts, less what {@link #support()} refuses.
     *
     * @throws NotOfferedException for a valid value tnsrelay does not honour, saying why and what instead
     * @throws IllegalArgumentException for text that is not a value, saying what was expected
     */
    public Object readOffered(String text) {
        Object value = read(text);
        support.check(written(value));
        return value;
    }

    /**
     * Checks a value as SET receives it, before anything else is said about it: a parameter tnsrelay does not
     * offer answers that, rather than that it cannot be changed at run time.
     *
     * @throws IllegalArgumentException as {@link #readOffered}
     */
    public void requireOffered(String text) {
        readOffered(text);
    }

    /** A value as cman.ora writes it, or each element of a list. */
    List<String> written(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(write(value));
    }

    /** Whether tnsrelay honours this parameter, for which values, and what instead. */
    public Support support() {
        return support;
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
