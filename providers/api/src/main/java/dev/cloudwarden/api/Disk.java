package dev.cloudwarden.api;

import java.util.Objects;

/** A block volume: an EBS volume, an Azure managed disk, a GCP persistent disk. */
public record Disk(ResourceRef resource, int sizeGiB, String zone, String attachedTo) {
    public Disk {
        Objects.requireNonNull(resource, "resource");
        zone = Objects.requireNonNullElse(zone, "");
        attachedTo = Objects.requireNonNullElse(attachedTo, "");
    }
}
