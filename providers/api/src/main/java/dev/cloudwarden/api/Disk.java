package dev.cloudwarden.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A block volume: an EBS volume, an Azure managed disk, a GCP persistent disk.
 *
 * @param createdAt  when the disk was created: a disk younger than a schedule window cannot have missed it
 * @param attachedTo the instances it is attached to (several for multi-attach volumes); empty when detached
 */
public record Disk(ResourceRef resource, int sizeGiB, String zone, Instant createdAt, List<String> attachedTo) {
    public Disk {
        Objects.requireNonNull(resource, "resource");
        zone = Objects.requireNonNullElse(zone, "");
        Objects.requireNonNull(createdAt, "createdAt");
        attachedTo = List.copyOf(attachedTo);
    }

    public String id() {
        return resource.id();
    }
}
