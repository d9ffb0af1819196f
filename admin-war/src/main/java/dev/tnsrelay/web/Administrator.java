package dev.tnsrelay.web;

import dev.tnsrelay.admin.Role;
import java.io.Serializable;

/**
 * Who is logged in: kept in the HTTP session after a screen login (with that session's CSRF token), or made for
 * one request from Basic credentials (the command line; no token, no session).
 */
public record Administrator(String name, Role role, String csrfToken) implements Serializable {

    static final String SESSION_KEY = "dev.tnsrelay.administrator";
    static final String REQUEST_KEY = "dev.tnsrelay.caller";
}
