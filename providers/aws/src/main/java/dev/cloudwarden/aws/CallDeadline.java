package dev.cloudwarden.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The run's deadline ({@link dev.cloudwarden.api.ProviderConfig#deadline()}), on every call of every client the
 * provider builds: a call is not started once the deadline has passed, and a call started before it is given only the
 * time that remains (its SDK api-call timeout is lowered to it), so that a run against an endpoint that never answers
 * still ends at its deadline and writes its report. A call stopped either way fails with a {@link RunDeadlineException}
 * (a call cut off: the SDK's api-call timeout, caused by one) that says which of the two happened.
 *
 * <p>Without a deadline it does nothing: each call is then bounded by the client's own time limits
 * ({@link AwsProvider}).
 */
final class CallDeadline implements ExecutionInterceptor {
    private static final ExecutionAttribute<Duration> CAPPED_AT = new ExecutionAttribute<>("cloudwarden.deadline.cappedAt");

    private final Optional<Instant> deadline;
    private final Duration callLimit;
    private final Clock clock;

    /** @param callLimit the client's own api-call timeout, which the deadline only ever lowers */
    CallDeadline(Optional<Instant> deadline, Duration callLimit, Clock clock) {
        this.deadline = deadline;
        this.callLimit = callLimit;
        this.clock = clock;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (deadline.isPresent() && !clock.instant().isBefore(deadline.get())) {
            throw new RunDeadlineException("not sent: the run's deadline, " + deadline.get() + ", had passed", false);
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (deadline.isEmpty() || !(context.request() instanceof AwsRequest request)) {
            return context.request();
        }
        Duration remaining = Duration.between(clock.instant(), deadline.get());
        if (remaining.compareTo(callLimit) >= 0) {
            return context.request();
        }
        Duration cap = remaining.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : remaining;
        attributes.putAttribute(CAPPED_AT, cap);
        AwsRequestOverrideConfiguration.Builder override = request.overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder);
        return request.toBuilder().overrideConfiguration(override.apiCallTimeout(cap).build()).build();
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Duration cap = attributes.getAttribute(CAPPED_AT);
        if (cap != null && context.exception() instanceof ApiCallTimeoutException) {
            // the SDK wants an exception of the type it handed over, so the deadline's is the cause
            String message = "no answer before the run's deadline, " + deadline.orElseThrow() + ": the call was cut off after "
                    + seconds(cap) + " (it may or may not have been carried out)";
            return ApiCallTimeoutException.create(message, new RunDeadlineException(message, true));
        }
        return context.exception();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
