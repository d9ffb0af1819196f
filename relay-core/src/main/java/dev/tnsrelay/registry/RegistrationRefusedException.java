package dev.tnsrelay.registry;

/** A registration from a node that may not register (valid node checking): Oracle's TNS-01182. */
public class RegistrationRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RegistrationRefusedException(String message) {
        super(message);
    }
}
