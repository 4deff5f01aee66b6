package dev.cloudwarden.aws;

import java.io.Serial;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A call the run's deadline stopped ({@link CallDeadline}): either never sent, so the cloud did nothing, or cut off
 * while waiting for its answer, so the cloud may or may not have carried it out. An SDK exception, so that it takes
 * the way every other failure of a call takes and is translated once, by {@link AwsErrors}.
 */
final class RunDeadlineException extends SdkClientException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean sent;

    RunDeadlineException(String message, boolean sent) {
        super(SdkClientException.builder().message(message));
        this.sent = sent;
    }

    /** Whether the request went out before the deadline stopped it (its outcome is then unknown). */
    boolean sent() {
        return sent;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
