package dev.cloudwarden.core.policy;

import dev.cloudwarden.api.CloudNames;
import java.time.Instant;
import java.util.Objects;

/**
 * What a section reader may consult beyond its own section.
 *
 * @param nodes where fields are read and problems recorded
 * @param names the naming rules of the policy's cloud; null when the policy's {@code cloud} is itself in error (its
 *              problem is already recorded), and the cloud's vocabulary is then not checked
 * @param now   the time the policy is judged at: schedules must fire within a year of it
 */
public record SectionContext(PolicyNodes nodes, CloudNames names, Instant now) {
    public SectionContext {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(now, "now");
    }
}
