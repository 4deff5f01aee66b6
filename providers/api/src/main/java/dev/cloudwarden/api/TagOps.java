package dev.cloudwarden.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags (AWS, Azure) and labels (GCP) of any resource: read in bulk, written in batches.
 *
 * <p>Resource types are spelled the cloud's own way ({@code ec2:instance}, {@code s3:bucket},
 * {@code Microsoft.Compute/disks}). Ids are the cloud's native ids where it has short ones
 * ({@code i-0abc…}, {@code vol-…}) and the full resource name otherwise (an ARN, an Azure resource id):
 * the same id the other operations report, so a SIEM joins findings across operations.
 */
public interface TagOps {
    /**
     * Every resource of these types in the region, each once. Types the cloud can list only through a
     * tag index (the AWS Tagging API) miss resources that never had a tag: {@link #listsUntagged} says which.
     */
    List<ResourceRef> listResources(Set<String> types);

    /** True when {@link #listResources} sees resources of this type that never had a tag. */
    boolean listsUntagged(String type);

    /** The named resources (ids or full names such as ARNs) as they are now; ones that no longer exist are left out. */
    List<ResourceRef> findResources(List<String> ids);

    /** Adds {@code tags} to every resource, overwriting values of the same keys; batched at the API's limits. */
    TagWriteResult addTags(List<ResourceRef> resources, Map<String, String> tags);

    /** Removes the tags with these exact keys from every resource, whatever their values; batched. */
    TagWriteResult removeTags(List<ResourceRef> resources, Set<String> keys);

    /**
     * Replaces every tag of one resource with {@code tags}, in one write. Asked only of a cloud whose keys are
     * case-insensitive ({@link CloudNames#caseInsensitiveKeys()}, Azure), to change the spelling of a key: there adding
     * the new spelling only updates the old tag's value, and removing the old spelling would then remove the tag.
     */
    default TagWriteResult replaceTags(ResourceRef resource, Map<String, String> tags) {
        throw new UnsupportedOperationException("this cloud's tag keys are case-sensitive: a key's spelling is changed by"
                + " adding the new spelling and removing the old");
    }
}
