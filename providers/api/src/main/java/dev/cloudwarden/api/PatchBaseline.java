package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;

/**
 * A declared patch baseline: which updates are approved for which operating system, and after how
 * many days. SSM Patch Manager baselines, Azure maintenance configurations, GCP patch deployments.
 *
 * @param classifications update classifications approved, in the cloud's own spelling (Security, Critical …)
 * @param groups          patch groups (AWS), assignment scopes (Azure) or instance filters (GCP) it applies to
 */
public record PatchBaseline(String name, String operatingSystem, List<String> classifications,
                            int approveAfterDays, List<String> groups) {
    public PatchBaseline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        classifications = List.copyOf(classifications);
        if (approveAfterDays < 0) {
            throw new IllegalArgumentException("approveAfterDays must be >= 0");
        }
        groups = List.copyOf(groups);
    }
}
