package dev.cloudwarden.api;

import java.time.Instant;
import java.util.Objects;

/** A point-in-time copy of a {@link Disk}. */
public record Snapshot(ResourceRef resource, String diskId, Instant createdAt, State state) {
    public enum State { PENDING, COMPLETED, FAILED }

    public Snapshot {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(diskId, "diskId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
    }
}
