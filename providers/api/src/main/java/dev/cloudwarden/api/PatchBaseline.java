package dev.cloudwarden.api;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole content of a patch baseline: which updates are approved for one operating system. Declared in
 * a policy, or read from the cloud; two baselines with equal content are the same baseline, so drift is a
 * plain comparison. Lists whose order means nothing are kept sorted, so that a baseline read back compares
 * equal to the one declared. SSM Patch Manager's meaning and spelling (operating systems, filter keys,
 * compliance levels); Azure maintenance configurations and GCP patch deployments map onto a subset.
 *
 * @param operatingSystem         in the cloud's spelling, such as {@code AMAZON_LINUX_2023} or {@code WINDOWS}
 * @param globalFilters           filters every approval rule is narrowed by (SSM's GlobalFilters)
 * @param approvedPatches         patches approved whatever the rules say, with their own compliance level
 * @param rejectedPatches         patches never approved; {@code rejectedPatchesAction} says whether they may still come as dependencies
 * @param sources                 alternative package repositories (Linux only)
 */
public record PatchBaseline(String name, String operatingSystem, String description, List<PatchFilter> globalFilters,
                            List<ApprovalRule> approvalRules, List<String> approvedPatches,
                            ComplianceLevel approvedPatchesComplianceLevel, boolean approvedPatchesEnableNonSecurity,
                            List<String> rejectedPatches, RejectedPatchesAction rejectedPatchesAction, List<PatchSource> sources) {

    /** How much a missing patch weighs in compliance. */
    public enum ComplianceLevel { CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED }

    /** What a rejected patch may still do: come in as another package's dependency, or never. */
    public enum RejectedPatchesAction { ALLOW_AS_DEPENDENCY, BLOCK }

    public PatchBaseline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        description = Objects.requireNonNullElse(description, "");
        globalFilters = sortedFilters(globalFilters);
        approvalRules = List.copyOf(approvalRules);
        approvedPatches = approvedPatches.stream().sorted().toList();
        Objects.requireNonNull(approvedPatchesComplianceLevel, "approvedPatchesComplianceLevel");
        rejectedPatches = rejectedPatches.stream().sorted().toList();
        Objects.requireNonNull(rejectedPatchesAction, "rejectedPatchesAction");
        sources = sources.stream().sorted(Comparator.comparing(PatchSource::name)).toList();
    }

    /** One filter: a key ({@code PRODUCT}, {@code CLASSIFICATION}, {@code SEVERITY} …) and the values it accepts, sorted. */
    public record PatchFilter(String key, List<String> values) {
        public PatchFilter {
            Objects.requireNonNull(key, "key");
            values = values.stream().sorted().toList();
        }
    }

    /**
     * Approves the patches its filters select, a number of days after their release or up to a date.
     *
     * @param approveAfterDays  days after release; empty when {@code approveUntilDate} is given
     * @param approveUntilDate  patches released up to this date; empty when {@code approveAfterDays} is given
     * @param enableNonSecurity also approve non-security updates from the repositories (Linux)
     */
    public record ApprovalRule(List<PatchFilter> filters, ComplianceLevel complianceLevel, OptionalInt approveAfterDays,
                               Optional<LocalDate> approveUntilDate, boolean enableNonSecurity) {
        public ApprovalRule {
            filters = sortedFilters(filters);
            Objects.requireNonNull(complianceLevel, "complianceLevel");
            approveAfterDays = Objects.requireNonNullElse(approveAfterDays, OptionalInt.empty());
            approveUntilDate = Objects.requireNonNullElse(approveUntilDate, Optional.empty());
        }
    }

    /** An alternative repository: its name, the products it serves, and its yum/apt configuration text. */
    public record PatchSource(String name, List<String> products, String configuration) {
        public PatchSource {
            Objects.requireNonNull(name, "name");
            products = products.stream().sorted().toList();
            Objects.requireNonNull(configuration, "configuration");
        }
    }

    private static List<PatchFilter> sortedFilters(List<PatchFilter> filters) {
        return filters.stream().sorted(Comparator.comparing(PatchFilter::key)).toList();
    }
}
