package dev.tnsrelay.admin;

/** A command that cannot be run, with cmctl's error text (TNS-04xxx). */
public class CmctlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CmctlException(String message) {
        super(message);
    }
}
