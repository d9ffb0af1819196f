package dev.tnsrelay.config;

/**
 * A valid value of a cman.ora parameter that tnsrelay does not honour: the message says why and what to do
 * instead. An {@link IllegalArgumentException}, as every other bad value at SET.
 */
public final class NotOfferedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NotOfferedException(String message) {
        super(message);
    }
}
