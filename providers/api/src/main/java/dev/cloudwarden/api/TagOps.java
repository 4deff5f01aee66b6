package dev.cloudwarden.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tags (AWS, Azure) and labels (GCP) of any resource. Implemented in the tag-compliance issue. */
public interface TagOps {
    /** Resources of the given native types ({@code ec2:volume}, {@code Microsoft.Compute/disks} …). */
    List<ResourceRef> listResources(Set<String> types);

    void setTags(ResourceRef resource, Map<String, String> tags);

    void removeTags(ResourceRef resource, Set<String> keys);
}
