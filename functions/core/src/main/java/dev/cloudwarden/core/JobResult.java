package dev.cloudwarden.core;

import java.util.Map;
import java.util.Objects;

/**
 * What an event reports about work the cloud finished (an EBS snapshot notification), as opposed to an
 * API call someone made: which job, whether it succeeded, and what each resulting resource was made from.
 *
 * @param resourceType the type of what the job produced, in the cloud's spelling ({@code ec2:snapshot})
 * @param cause   the cloud's explanation of a failure; empty on success
 * @param sources each resulting resource id (the event's scope) with what it was made from: the volume a
 *                snapshot was taken of, the snapshot a copy was made of; empty where the event does not say
 */
public record JobResult(Job job, String resourceType, boolean succeeded, String cause, Map<String, String> sources) {
    /** The cloud jobs whose end an event reports. */
    public enum Job {
        /** One snapshot of one disk. */
        SNAPSHOT,
        /** Crash-consistent snapshots of several disks of one instance. */
        SNAPSHOT_SET,
        /** A snapshot copied into another region; the event arrives in the destination region. */
        COPY
    }

    public JobResult {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(resourceType, "resourceType");
        cause = Objects.requireNonNullElse(cause, "");
        sources = Map.copyOf(sources);
    }
}
