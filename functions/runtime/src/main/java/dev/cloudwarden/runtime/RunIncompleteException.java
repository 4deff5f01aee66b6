package dev.cloudwarden.runtime;

/**
 * Fails the invocation when a run did not carry out its whole plan (partial, refused by the blast-radius
 * guard, or failed discovery), so that the platform retries it (EventBridge on AWS) and its dead-letter queue
 * keeps it. The report itself has already been logged.
 */
public final class RunIncompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunIncompleteException(String message) {
        super(message);
    }
}
