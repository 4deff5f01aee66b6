package dev.cloudwarden.aws;

import java.time.Duration;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The retries of EC2 calls that make something and take no idempotency token: CreateSnapshot,
 * CreateSnapshots and CopySnapshot. Sent twice, such a call may make two snapshots, or a second copy that
 * nobody will ever delete.
 *
 * <p>A throttled call is the one failure after which the cloud has certainly done nothing: it refused the
 * request because of its rate before looking at it. So these calls are retried then, and only then. Any
 * other failure is ambiguous — an IO error or a reset connection may have lost the answer to a request EC2
 * carried out, and a 5xx says nothing about whether the snapshot was started — and is reported at once;
 * the caller finds what an earlier attempt made by the tags it carries (see {@code SnapshotOps}).
 *
 * <p>The strategy is adaptive, as the provider's other clients are: a throttled answer also slows this
 * client's later calls down. {@code useClientDefaults(false)} keeps the SDK from adding its own retry
 * conditions (IO errors, 5xx, clock skew) to the one given here.
 */
final class ThrottlingOnlyRetries {
    /** The first attempt and two retries, as the SDK's standard strategies do. */
    static final int MAX_ATTEMPTS = 3;
    /** The SDK's own delays after throttling: from 1 s, doubling, never more than 20 s, with full jitter. */
    static final Duration BASE_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(20);

    private ThrottlingOnlyRetries() {
    }

    /** A new strategy: each client gets its own, since a strategy keeps the state of its rate limiter. */
    static RetryStrategy strategy() {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_DELAY);
        return AdaptiveRetryStrategy.builder()
                .retryOnException(AwsErrors::isThrottling)
                .treatAsThrottling(AwsErrors::isThrottling)
                .maxAttempts(MAX_ATTEMPTS)
                // only throttled attempts are retried, so only the throttling backoff is ever used
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .useClientDefaults(false)
                .build();
    }
}
