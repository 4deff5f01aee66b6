package dev.cloudwarden.lambda;

import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * An EventBridge event decoded into what an operation needs.
 *
 * @param scope     the region for a scheduled sweep; the resources a CloudTrail call named otherwise
 * @param creator   who made a create call, for the tags that record it
 * @param cause     the API call behind a CloudTrail event, for the log ({@code RunInstances}); the schedule otherwise
 * @param errorCode set when the CloudTrail call itself failed
 */
public record AuditEvent(String id, String account, String region, Scope scope, Optional<Creator> creator, String cause,
                         Optional<String> errorCode) {
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(scope, "scope");
        creator = Objects.requireNonNullElse(creator, Optional.empty());
        errorCode = Objects.requireNonNullElse(errorCode, Optional.empty());
    }
}
