package dev.cloudwarden.runtime;

/**
 * Fails the invocation when the export of a run's findings to the cloud's security-findings service (AWS Security Hub,
 * {@code CLOUDWARDEN_SECURITY_HUB=true}) did not file every finding (or, after a sweep, archive every finding no longer
 * found), so that the platform retries it and its dead-letter queue keeps it. The report and an export line saying
 * what failed and why have already been logged.
 */
public final class FindingsExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FindingsExportException(String message) {
        super(message);
    }
}
