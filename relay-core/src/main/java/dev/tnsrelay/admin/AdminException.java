package dev.tnsrelay.admin;

/** An admin operation that cannot be done, with cmctl's message ({@link AdminError}). */
public class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AdminError error;

    public AdminException(AdminError error, String message) {
        super(message);
        this.error = error;
    }

    public AdminError error() {
        return error;
    }
}
