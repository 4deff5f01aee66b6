package dev.cloudwarden.api;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One finding as a cloud's security findings service files it (AWS Security Hub, Microsoft Defender for Cloud,
 * Google Security Command Center): who found what about which resource, how bad it is, whether the resource
 * now complies, and whether the finding still stands. Importing a finding with an id the service already holds
 * updates it.
 *
 * @param id          unique within the account and region, stable across runs: the service de-duplicates on it
 * @param generator   the logic that produced it, such as {@code cloudwarden/firewall.ingress-open-to-internet}
 * @param resource    the resource it is about, with its native id (the provider names it in the cloud's own terms)
 * @param createdAt   when the problem was first seen
 * @param updatedAt   when this state of the finding was observed; a service may ignore an update older than what it holds
 * @param properties  the finder's own fields (action taken, run id …), kept by the service as they are given
 */
public record SecurityFinding(String id, String generator, Severity severity, Category category, String title,
                              String description, ResourceRef resource, Instant createdAt, Instant updatedAt,
                              Compliance compliance, State state, Map<String, String> properties) {

    /** How urgent, lowest first. */
    public enum Severity { INFO, LOW, MEDIUM, HIGH, CRITICAL }

    /** What kind of problem, for the service's own taxonomy. */
    public enum Category {
        /** The resource can be reached from where it should not be (an open firewall rule). */
        NETWORK_REACHABILITY,
        /** The resource departs from a configuration practice (tags, snapshots, patch baselines). */
        CONFIGURATION,
        /** The resource lacks security fixes (missing patches). */
        VULNERABILITY
    }

    /** Whether the resource now meets the check: {@code PASSED} once the remediation was carried out. */
    public enum Compliance { PASSED, FAILED }

    /** {@code ARCHIVED}: the finding no longer stands (the problem was not found again); services hide such findings. */
    public enum State { ACTIVE, ARCHIVED }

    public SecurityFinding {
        requireText(id, "id");
        requireText(generator, "generator");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        requireText(title, "title");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("finding " + id + " is updated at " + updatedAt + ", before it was created at " + createdAt);
        }
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(state, "state");
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /**
     * The same finding, no longer standing as of {@code at}: a sweep did not find the problem again (it was fixed,
     * or the resource is gone), so the resource passes as well.
     */
    public SecurityFinding archived(Instant at) {
        return new SecurityFinding(id, generator, severity, category, title, description, resource, createdAt,
                at.isBefore(updatedAt) ? updatedAt : at, Compliance.PASSED, State.ARCHIVED, properties);
    }

    /** The same finding, first seen at {@code at} (kept from the copy the service already holds). */
    public SecurityFinding withCreatedAt(Instant at) {
        return new SecurityFinding(id, generator, severity, category, title, description, resource,
                at.isAfter(updatedAt) ? updatedAt : at, updatedAt, compliance, state, properties);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
