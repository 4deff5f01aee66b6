package dev.cloudwarden.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A point-in-time copy of a {@link Disk}, in the disk's region or, copied there, in another one.
 *
 * @param resource  type {@code ec2:snapshot} on AWS; its region is where the snapshot lives and its tags are its own
 * @param diskId    the disk it was taken from, as the cloud records it; empty when the cloud does not say
 *                  (EBS gives a copy the placeholder {@code vol-ffffffff}, which the AWS provider reports as empty)
 * @param startedAt when the cloud started taking it
 */
public record Snapshot(ResourceRef resource, String diskId, Instant startedAt, State state, String description) {
    /** A snapshot is readable only once completed; a failed one holds nothing. */
    public enum State { PENDING, COMPLETED, FAILED }

    public Snapshot {
        Objects.requireNonNull(resource, "resource");
        diskId = Objects.requireNonNullElse(diskId, "");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(state, "state");
        description = Objects.requireNonNullElse(description, "");
    }

    public String id() {
        return resource.id();
    }

    public String region() {
        return resource.region();
    }

    public Tags tags() {
        return resource.tags();
    }
}
