package dev.tnsrelay.admin.jmx;

import java.util.List;
import java.util.Map;

/** {@code dev.tnsrelay:type=Instance,name="<instance>@<port>"}: status, parameters, reload, shutdown, startup. */
public interface InstanceMXBean {

    String getName();

    /** RUNNING, DRAINING (after shutdown normal, until the last session ends), STOPPED or FAILED. */
    String getState();

    /** Whether a load balancer should send connections: it listens and a gateway is not suspended. */
    boolean isReady();

    String getVersion();

    /** Start time, ISO-8601. */
    String getStartDate();

    long getUptimeSeconds();

    String getConfigFile();

    /** Where rule list changes are written. */
    String getRulesFile();

    List<String> getListeningAddresses();

    /** The TLS library in use: {@code OpenSSL (BoringSSL)} or {@code JDK (…)}. */
    String getTlsProvider();

    /** The wallet's certificates: role, subject, issuer and expiry, one line each. */
    List<String> getCertificates();

    /** Failed TLS handshakes since the start, per cause. */
    Map<String, Long> getTlsHandshakeFailures();

    /** Every parameter with its value now. */
    Map<String, String> getParameters();

    /** {@code show status} as cmctl prints it. */
    String getStatus();

    /** The newest events, oldest first: time, kind, text. */
    List<String> getRecentEvents();

    /**
     * {@code show blocked} (tnsrelay): the client addresses the IP rate limit blocks now, one line each: address,
     * endpoint, since, until.
     */
    List<String> getBlockedAddresses();

    /** {@code unblock address} (tnsrelay): lifts the IP rate limit's block of a client address on every endpoint. */
    void unblock(String address);

    /** {@code set parameter value}: runtime-settable parameters only, until the next reload or restart. */
    void setParameter(String name, String value);

    /** {@code reload}: cman.ora read again; established sessions are left alone. */
    void reload();

    /** {@code shutdown normal}: no new connections; the instance ends with its last session. */
    void shutdownNormal();

    /** {@code shutdown abort}: every session closed now. */
    void shutdownAbort();

    /** {@code startup} after a shutdown: cman.ora read again and the gateways started. */
    void startup();
}
