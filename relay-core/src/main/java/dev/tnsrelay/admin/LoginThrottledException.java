package dev.tnsrelay.admin;

import java.time.Duration;

/**
 * A login refused unchecked because its user name or its address failed too often ({@link LoginGuard}); the door
 * says when to try again (HTTP 429 with Retry-After, the JMX console's message).
 */
public final class LoginThrottledException extends AdminException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super(AdminError.THROTTLED, AdminError.THROTTLED.message("too many failed logins for this user or from this"
                + " address; try again in " + retryAfter.toSeconds() + " s"));
        this.retryAfter = retryAfter;
    }

    /** How long until the next attempt is checked (whole seconds, at least 1). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
