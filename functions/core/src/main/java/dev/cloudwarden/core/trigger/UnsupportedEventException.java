package dev.cloudwarden.core.trigger;

import java.io.Serial;

/**
 * An event this function does not handle, or one missing what it needs; nothing was called or changed. The message is
 * one sentence for the person who sent the event. An expected outcome, not a defect: it carries no stack trace (a
 * function runtime would print one with the failed invocation), unless it wraps a defect of the decoder, whose cause
 * keeps its own.
 */
public final class UnsupportedEventException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public UnsupportedEventException(String message) {
        super(message, null, false, false);
    }

    /** An event the decoder failed on: {@code defect} says how. */
    public UnsupportedEventException(String message, Throwable defect) {
        super(message, defect, false, false);
    }
}
