package dev.cloudwarden.lambda;

/**
 * Fails the invocation when the export of a run's findings to AWS Security Hub ({@code CLOUDWARDEN_SECURITY_HUB=true})
 * did not file every finding (or, after a sweep, archive every finding no longer found), so that EventBridge retries
 * it and its dead-letter queue keeps it. The report and an {@code security-hub-export} line saying what failed and
 * why have already been logged.
 */
public final class SecurityHubExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecurityHubExportException(String message) {
        super(message);
    }
}
