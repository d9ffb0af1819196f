package dev.tnsrelay.admin;

/** What an administrator may do: MONITOR looks (show, events, resolve); ADMIN also changes. */
public enum Role {
    MONITOR,
    ADMIN;

    public boolean mayChange() {
        return this == ADMIN;
    }
}
