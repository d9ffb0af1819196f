package dev.tnsrelay.web;

import dev.tnsrelay.admin.Caller;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.Serializable;

/**
 * A screen login, kept in the HTTP session: the admin model's session it opened (an administration session,
 * counted against MAX_CMCTL_SESSIONS) and that HTTP session's CSRF token. When the HTTP session ends (logout,
 * 30 idle minutes, a new login) the model's session is closed with it.
 */
record Administrator(String session, String csrfToken) implements Serializable, HttpSessionBindingListener {

    static final String SESSION_KEY = "dev.tnsrelay.administrator";
    /** The request attribute with the {@link Caller} the security filter established. */
    static final String CALLER_KEY = "dev.tnsrelay.caller";

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        try {
            AdminModel.admin().session(session).ifPresent(s -> s.close());
        } catch (IllegalStateException adapterGone) {
            // the instance that held the session has ended, and its sessions with it
        }
    }
}
