package dev.cloudwarden.lambda;

/** An event this function does not handle, or one missing what it needs; nothing was changed. */
public final class UnsupportedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedEventException(String message) {
        super(message);
    }
}
