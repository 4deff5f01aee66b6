package dev.cloudwarden.lambda;

import java.util.Objects;
import java.util.Optional;

/**
 * An EventBridge event decoded into what the audit needs.
 *
 * @param groupId  the one security group a CloudTrail event names; empty for a scheduled sweep
 * @param cause    the API call behind a CloudTrail event, for the log ({@code AuthorizeSecurityGroupIngress})
 * @param errorCode set when the CloudTrail call itself failed; the group is evaluated all the same
 */
public record AuditEvent(String id, String account, String region, Optional<String> groupId, String cause,
                         Optional<String> errorCode) {
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        groupId = Objects.requireNonNullElse(groupId, Optional.empty());
        errorCode = Objects.requireNonNullElse(errorCode, Optional.empty());
    }
}
