package dev.cloudwarden.api.contract;

import java.util.Map;

/**
 * Taggable resources made and read back in a cloud's own terms, for {@link TagOpsContract}. Everything here goes
 * around the provider under test.
 */
public interface TaggedEstate extends AutoCloseable {

    /**
     * The resource type the estate makes, in the cloud's spelling ({@code ec2:volume}, {@code Microsoft.Compute/disks}):
     * one the provider lists whether or not its resources have tags.
     */
    String type();

    /** A new resource of {@link #type()} in the provider's region with these tags (none when empty); returns its id. */
    String resource(Map<String, String> tags);

    /** Deletes a resource. */
    void delete(String id);

    /** The tags (labels) the resource has now. */
    Map<String, String> tagsOf(String id);

    @Override
    default void close() {
    }
}
