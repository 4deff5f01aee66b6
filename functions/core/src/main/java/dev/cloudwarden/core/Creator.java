package dev.cloudwarden.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Who created the resources of an event, as the cloud's audit log recorded it.
 *
 * @param principal     the caller's full id (an AWS user or assumed-role session ARN, an Azure object id …)
 * @param principalType the kind of caller, in the cloud's words ({@code IAMUser}, {@code AssumedRole}, {@code Root} …)
 * @param at            when the create call was made
 */
public record Creator(String principal, String principalType, Instant at) {
    public Creator {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(principalType, "principalType");
        Objects.requireNonNull(at, "at");
    }
}
