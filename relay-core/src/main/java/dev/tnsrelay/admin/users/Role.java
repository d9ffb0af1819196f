package dev.tnsrelay.admin.users;

/**
 * What an administrator may do: MONITOR looks (show, events, resolve); ADMIN also changes. The admin model
 * applies it to every operation ({@code dev.tnsrelay.admin.Caller}); no door decides it on its own.
 */
public enum Role {
    MONITOR,
    ADMIN;

    public boolean mayChange() {
        return this == ADMIN;
    }
}
