package dev.tnsrelay.logfile;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.config.EventGroup;
import dev.tnsrelay.gateway.EngineState;
import dev.tnsrelay.gateway.GatewayInfo;
import dev.tnsrelay.gateway.Refusal;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.gateway.SessionInfo;
import dev.tnsrelay.gateway.SessionListener;
import dev.tnsrelay.logging.LogText;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.RegistrationListener;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The log file of one instance, {@code <instance>.log} in LOG_DIRECTORY (the instance name in lower case,
 * characters other than letters, digits, '.', '_' and '-' written '_'), rotated to {@code .log.1}… by
 * LOG_FILELEN and LOG_FILENO. One line per event: time (UTC, from the clock), level, event group, then
 * {@code key=value} fields; text a client or a database controls is quoted and escaped ({@link LogText}).
 *
 * <p>Its owner opens it with the instance's parameters, adds it to the engine ({@link RelayEngine#addListener})
 * and the registry before they start, calls {@link #started} and {@link #stopped} around the engine's life,
 * {@link #apply} after every SET and RELOAD (a new level or set of groups holds from the next line on), and
 * {@link #close} at the end. Without LOG_DIRECTORY it writes nothing: the engine's own System.Logger lines
 * are all there is, as before.
 */
public final class InstanceLog implements SessionListener, RegistrationListener, AutoCloseable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String instance;
    private final String fileName;
    private final Clock clock;
    private final LogWriter writer;
    /** Sessions that reached ACCEPT: their end is a relay event, not a handshake's. Live sessions only. */
    private final Set<Long> relaying = ConcurrentHashMap.newKeySet();
    private volatile LogSettings settings;
    /** Guarded by this. */
    private CmanParameters parameters;

    private InstanceLog(String instance, Clock clock, Executor executor) {
        this.instance = instance;
        this.fileName = fileName(instance);
        this.clock = clock;
        this.writer = new LogWriter(executor);
    }

    /**
     * Opens the log of {@code instance} as its parameters say; lines are written on {@code executor}'s threads.
     *
     * @throws IOException if LOG_DIRECTORY is set and its file cannot be created or opened
     */
    public static InstanceLog open(String instance, CmanParameters parameters, Clock clock, Executor executor)
            throws IOException {
        InstanceLog log = new InstanceLog(instance, clock, executor);
        LogSettings s = LogSettings.of(parameters);
        log.writer.switchTo(log.fileFor(s));
        log.settings = s;
        log.parameters = parameters;
        log.opened();
        return log;
    }

    /**
     * The instance's parameters after a SET or RELOAD: the level and groups hold from the next line on; a new
     * LOG_DIRECTORY, LOG_FILELEN or LOG_FILENO moves the log. Each change is a cmd_proc line.
     *
     * @throws IOException if the new file cannot be opened; the log then goes on where it was, as it was
     */
    public synchronized void apply(CmanParameters next) throws IOException {
        LogSettings s = LogSettings.of(next);
        if (!s.sameFile(settings)) {
            writer.switchTo(fileFor(s));
        }
        LogSettings before = settings;
        settings = s;
        if (!s.sameFile(before)) {
            opened();
        }
        for (CmanParameter p : next.asMap().keySet()) {
            if (!next.text(p).equals(parameters.text(p))) {
                write(LogLevel.USER, EventGroup.CMD_PROC, () -> "parameter=" + p.name() + " changed from="
                        + quote(parameters.text(p), LogText.TEXT) + " to=" + quote(next.text(p), LogText.TEXT));
            }
        }
        parameters = next;
    }

    /** The file written now, if any. */
    public Optional<Path> file() {
        return writer.current();
    }

    /** Writes every line so far to the file before it returns (the owner's stop; tests). */
    public void flush() {
        writer.flush();
    }

    /** The engine has started: it listens, its gateways run. */
    public void started(RelayEngine engine) {
        write(LogLevel.USER, EventGroup.INIT_AND_TERM, () -> "instance=" + quote(engine.name(), LogText.NAME)
                + " started listening=" + engine.listenAddresses().stream()
                        .map(a -> dev.tnsrelay.net.IpLiteral.hostPort(a.getAddress(), a.getPort())).toList()
                + " gateways=" + engine.gateways().size());
        for (GatewayInfo g : engine.gateways()) {
            write(LogLevel.ADMIN, EventGroup.PROC_MGMT, () -> "gateway=" + g.id() + " started");
        }
    }

    /** The engine has stopped (or failed): nothing listens, no session is left. */
    public void stopped(RelayEngine engine) {
        for (GatewayInfo g : engine.gateways()) {
            write(LogLevel.ADMIN, EventGroup.PROC_MGMT, () -> "gateway=" + g.id() + " stopped");
        }
        String how = engine.state() == EngineState.FAILED
                ? " failed cause=" + quote(engine.failure().map(String::valueOf).orElse(""), LogText.TEXT) : " stopped";
        write(LogLevel.USER, EventGroup.INIT_AND_TERM, () -> "instance=" + quote(engine.name(), LogText.NAME) + how);
    }

    // ---- sessions (the engine's gateway threads: nothing here waits)

    @Override
    public void opened(SessionInfo s) {
        write(LogLevel.SUPPORT, EventGroup.CONN_HDLG, () -> session(s, "opened") + " client=" + s.client()
                + " gateway=" + s.gateway());
    }

    @Override
    public void refused(SessionInfo s, Refusal r) {
        write(LogLevel.USER, EventGroup.CONN_HDLG, () -> session(s, "refused") + " client=" + s.client() + " service="
                + quote(s.service(), LogText.NAME) + " error=ORA-" + r.error() + " reason=" + r.reason().name()
                .toLowerCase(Locale.ROOT) + " detail=" + quote(r.detail(), LogText.TEXT));
    }

    @Override
    public void tlsFailed(SessionInfo s, dev.tnsrelay.tls.TlsFailure f) {
        write(LogLevel.USER, EventGroup.CONN_HDLG, () -> session(s, "tls_failed") + " client=" + s.client() + " cause="
                + f.cause().label() + " detail=" + quote(f.detail(), LogText.TEXT));
    }

    /** Oracle's CMAN log line for the IP rate limit, with the endpoint and the end of the block after it. */
    @Override
    public void blocked(dev.tnsrelay.gateway.BlockedAddress b) {
        write(LogLevel.USER, EventGroup.CONN_HDLG, () -> "IP rate limit enforced for ip address "
                + b.address().getHostAddress() + " endpoint=" + b.endpoint().getAddress().getHostAddress() + ":"
                + b.endpoint().getPort() + " until=" + b.until());
    }

    @Override
    public void dropped(SessionInfo s, String reason) {
        write(LogLevel.USER, EventGroup.CONN_HDLG, () -> session(s, "dropped") + " client=" + s.client() + " service="
                + quote(s.service(), LogText.NAME) + " detail=" + quote(reason, LogText.TEXT));
    }

    @Override
    public void redirected(SessionInfo s, String target) {
        write(LogLevel.SUPPORT, EventGroup.CONN_HDLG, () -> session(s, "redirected") + " to="
                + quote(target, LogText.NAME));
    }

    @Override
    public void established(SessionInfo s) {
        if (settings.directory().isPresent()) {
            relaying.add(s.id());
        }
        write(LogLevel.ADMIN, EventGroup.CONN_HDLG, () -> session(s, "established") + " client=" + s.client()
                + " server=" + quote(s.server(), LogText.NAME) + " service=" + quote(s.service(), LogText.NAME)
                + " gateway=" + s.gateway() + who(s));
    }

    @Override
    public void closed(SessionInfo s, String cause) {
        boolean relayed = relaying.remove(s.id());
        // the engine names the parameter that ended a session: IDLE_TIMEOUT, SESSION_TIMEOUT, INBOUND_CONNECT_TIMEOUT…
        boolean timeout = cause.contains("_TIMEOUT");
        EventGroup group = timeout ? EventGroup.TIMER : relayed ? EventGroup.RELAY : EventGroup.CONN_HDLG;
        LogLevel level = timeout || relayed ? LogLevel.ADMIN : LogLevel.SUPPORT;
        write(level, group, () -> session(s, "ended") + " client=" + s.client() + " server=" + quote(s.server(),
                LogText.NAME) + " service=" + quote(s.service(), LogText.NAME) + " gateway=" + s.gateway()
                + " duration_ms=" + Math.max(0, Duration.between(s.start(), clock.instant()).toMillis())
                + " bytes_in=" + s.bytesIn() + " bytes_out=" + s.bytesOut() + who(s) + " cause="
                + quote(cause, LogText.TEXT));
    }

    // ---- registrations

    @Override
    public void registered(Registration r, Optional<InetAddress> from, boolean renewal) {
        write(renewal ? LogLevel.SUPPORT : LogLevel.ADMIN, EventGroup.REG_AND_LOAD, () -> registration(r)
                + (renewal ? " renewed" : " registered") + " from=" + from.map(InetAddress::getHostAddress)
                .orElse("cman.ora") + " handlers=" + r.handlers().size());
    }

    @Override
    public void refused(Registration r, InetAddress from, String why) {
        write(LogLevel.USER, EventGroup.REG_AND_LOAD, () -> registration(r) + " refused from=" + from.getHostAddress()
                + " detail=" + quote(why, LogText.TEXT));
    }

    @Override
    public void unregistered(String service, String instanceName) {
        write(LogLevel.ADMIN, EventGroup.REG_AND_LOAD, () -> "service=" + quote(service, LogText.NAME) + " instance="
                + quote(instanceName, LogText.NAME) + " unregistered");
    }

    /** Writes what is queued and closes the file. */
    @Override
    public void close() {
        writer.close();
    }

    // ---- lines

    private void opened() {
        LogSettings s = settings;
        write(LogLevel.USER, EventGroup.INIT_AND_TERM, () -> "log opened instance=" + quote(instance, LogText.NAME)
                + " level=" + s.level().text() + " groups=" + s.groups().stream().sorted().map(EventGroup::text).toList());
    }

    /**
     * One line, its text built only when its level and group are written: sessions call here on the gateways'
     * threads, for every session.
     */
    private void write(LogLevel level, EventGroup group, Supplier<String> text) {
        if (settings.writes(level, group)) {
            writer.offer(TIME.format(clock.instant()) + " " + level.text() + " " + group.text() + " " + text.get()
                    + "\n");
        }
    }

    private RotatingFile fileFor(LogSettings s) throws IOException {
        if (s.directory().isEmpty()) {
            return null;
        }
        return RotatingFile.open(s.directory().get(), fileName, s.fileBytes(), s.fileCount());
    }

    private static String session(SessionInfo s, String what) {
        return "session=" + s.id() + " " + what;
    }

    /** Who the client says it is (its CID) and its certificate's DN: client-controlled, quoted and escaped. */
    private static String who(SessionInfo s) {
        SessionInfo.ClientId cid = s.clientId() == null ? SessionInfo.ClientId.NONE : s.clientId();
        return " program=" + quote(cid.program(), LogText.NAME) + " host=" + quote(cid.host(), LogText.NAME)
                + " user=" + quote(cid.user(), LogText.NAME)
                + (s.peer() == null || s.peer().isEmpty() ? "" : " peer=" + quote(s.peer(), LogText.NAME));
    }

    private static String registration(Registration r) {
        return "service=" + quote(r.service(), LogText.NAME) + " instance=" + quote(r.instance(), LogText.NAME);
    }

    private static String quote(String text, int max) {
        return "\"" + LogText.of(text, max) + "\"";
    }

    /** The file's name before {@code .log}: the instance name, lower case, safe in any file system. */
    static String fileName(String instance) {
        return instance.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }
}
