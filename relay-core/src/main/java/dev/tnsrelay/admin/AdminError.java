package dev.tnsrelay.admin;

/**
 * The catalogue of the admin model's messages, as cmctl numbers them: every TNS-04xxx (and the TNS-12546 of a
 * refused role) that a door can show comes from here, with the kind of failure each door answers for.
 * TNS-04005, 04011, 04012, 04049, 04072 and 12546 are Oracle's own; TNS-04014 is what tnsrelay answers for a command,
 * value or state that is not valid, and for what Oracle's cmctl does not have (a rule list changed meanwhile, a
 * node of a cluster); cmctl's own texts for those are not documented.
 */
public enum AdminError {
    /** The command or a value in it is not valid. */
    INVALID("TNS-04014", "", Kind.MISTAKE),
    /** A command for an instance ({@code -c}, {@code administer}) that is not the one this server runs. */
    UNKNOWN_INSTANCE("TNS-04005", "Unable to resolve address for Oracle Connection Manager instance",
            Kind.MISTAKE),
    /** set, reload, suspend, resume, close or shutdown while the instance does not run. */
    NOT_STARTED("TNS-04011", "Oracle Connection Manager instance not yet started", Kind.STOPPED),
    /** startup while the instance runs or drains. */
    ALREADY_STARTED("TNS-04014", "Oracle Connection Manager instance already started", Kind.MISTAKE),
    /** startup (or the first start) failed: cman.ora does not read, or an address cannot be bound. */
    START_FAILED("TNS-04012", "Unable to start Oracle Connection Manager instance", Kind.MISTAKE),
    /** close or show of connections that do not exist. */
    NO_CONNECTIONS("TNS-04049", "Specified connections do not exist", Kind.MISTAKE),
    /** suspend or resume of a gateway that does not exist: "Unable to suspend at least one of the gateways". */
    GATEWAYS("TNS-04072", "", Kind.MISTAKE),
    /** A MONITOR asked for a change, or the user name or password is wrong. */
    DENIED("TNS-12546", "TNS:permission denied", Kind.DENIED),
    /**
     * Too many failed logins for this user name or from this address ({@link LoginGuard}): wait, then try again.
     * Thrown as a {@link LoginThrottledException}, which says how long.
     */
    THROTTLED("TNS-12546", "TNS:permission denied", Kind.BUSY),
    /** A rule list change made from a version the list has moved on from (another administrator's change). */
    CONFLICT("TNS-04014", "the rule list was changed by someone else", Kind.CONFLICT),
    /** A node of the cluster that is not there, did not answer, or a cluster action on a server that runs alone. */
    NODE("TNS-04014", "", Kind.MISTAKE),
    /** A rule list change on the side of a network split that holds fewer than a majority of the cluster. */
    NO_QUORUM("TNS-04014", "rule list changes are refused", Kind.BUSY),
    /** MAX_CMCTL_SESSIONS administration sessions are open already. */
    TOO_MANY_SESSIONS("TNS-04014", "MAX_CMCTL_SESSIONS administration sessions are open", Kind.BUSY);

    /** What kind of failure it is, for a door to answer with (an HTTP status, a JMX exception type). */
    public enum Kind {
        /** The administrator's mistake: say what and where. */
        MISTAKE,
        /** Not allowed for this caller. */
        DENIED,
        /** The instance is stopped. */
        STOPPED,
        /** Too many administration sessions: try again later. */
        BUSY,
        /** Made from a version of the rule list that is not the latest: read it again, then change it. */
        CONFLICT
    }

    private final String code;
    private final String text;
    private final Kind kind;

    AdminError(String code, String text, Kind kind) {
        this.code = code;
        this.text = text;
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code TNS-04011: Oracle Connection Manager instance not yet started: <detail>}. */
    public String message(String detail) {
        String head = text.isEmpty() ? code : code + ": " + text;
        return detail == null || detail.isBlank() ? head : head + ": " + detail;
    }

    public AdminException exception(String detail) {
        return new AdminException(this, message(detail));
    }

    public AdminException exception() {
        return exception(null);
    }
}
