package dev.cloudwarden.core.tags;

import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.report.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run means to do to one resource, and the findings that say why.
 *
 * @param addTags    tags to add or overwrite (defaults, renamed keys, creator, a new mark)
 * @param removeKeys keys to remove, only once {@code addTags} succeeded (a renamed key's old spelling, a cleared mark)
 * @param stop       the resource is due to be stopped; on success the mark tag becomes {@code doneMark}
 */
public record ResourcePlan(ResourceRef resource, List<Finding> findings, Map<String, String> addTags,
                           Set<String> removeKeys, boolean stop, Optional<Map.Entry<String, String>> doneMark) {
    public ResourcePlan {
        findings = List.copyOf(findings);
        addTags = Map.copyOf(addTags);
        removeKeys = Set.copyOf(removeKeys);
        doneMark = doneMark == null ? Optional.empty() : doneMark;
    }

    public boolean changesAnything() {
        return stop || !addTags.isEmpty() || !removeKeys.isEmpty();
    }
}
