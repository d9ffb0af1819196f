package dev.tnsrelay.instance;

import dev.tnsrelay.admin.AdminError;

/** An instance that could not start, with cmctl's TNS-04012 and what went wrong (file:line:column for cman.ora). */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    StartupException(String detail, Throwable cause) {
        super(AdminError.START_FAILED.message(detail), cause);
    }
}
