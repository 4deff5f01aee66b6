package dev.cloudwarden.api;

import java.util.Map;

/**
 * The outcome of one batched tag write: the resources it could not change, by resource id, each with
 * the error that stopped it. A batch the API rejects as a whole fails every resource in it.
 */
public record TagWriteResult(Map<String, CloudException> failed) {
    public static final TagWriteResult OK = new TagWriteResult(Map.of());

    public TagWriteResult {
        failed = Map.copyOf(failed);
    }

    public boolean succeeded(String resourceId) {
        return !failed.containsKey(resourceId);
    }
}
