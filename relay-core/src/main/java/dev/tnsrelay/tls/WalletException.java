package dev.tnsrelay.tls;

/** A wallet that cannot be used: the message says which file, what is wrong with it, and what to do. */
public final class WalletException extends Exception {

    private static final long serialVersionUID = 1L;

    public WalletException(String message) {
        super(message);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
