package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;

/**
 * A virtual machine and the disks attached to it: an EC2 instance, an Azure virtual machine, a GCP instance.
 *
 * @param bootDiskId the disk it boots from; empty when it has none among {@code diskIds} (an instance-store root)
 * @param diskIds    every disk attached to it, the boot disk included
 */
public record Instance(ResourceRef resource, String bootDiskId, List<String> diskIds) {
    public Instance {
        Objects.requireNonNull(resource, "resource");
        bootDiskId = Objects.requireNonNullElse(bootDiskId, "");
        diskIds = List.copyOf(diskIds);
    }

    public String id() {
        return resource.id();
    }
}
