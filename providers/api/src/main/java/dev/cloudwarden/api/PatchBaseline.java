package dev.cloudwarden.api;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;

/**
 * The whole desired state of one operating system's patches: which updates are installed, which never are, whether
 * machines restart, and when. Declared in a policy, or read from the cloud; two baselines with equal content are the
 * same baseline, so drift is a plain comparison. Lists whose order means nothing are kept sorted, so that a baseline
 * read back compares equal to the one declared.
 *
 * <p>How each cloud keeps it (the provider maps; {@link CloudNames#patchFields()} names the fields a cloud keeps, and a
 * policy giving another is refused before anything runs):
 * <table>
 *   <caption>The fields on each cloud</caption>
 *   <tr><th>field</th><th>SSM Patch Manager</th><th>Azure Update Manager</th><th>GCP OS Config</th></tr>
 *   <tr><td>approval rules' classification and severity filters</td><td>approval rules</td>
 *       <td>classificationsToInclude</td><td>Windows classifications, apt/yum update type</td></tr>
 *   <tr><td>{@code approvedPatches} (include)</td><td>ApprovedPatches</td><td>kbNumbersToInclude, packageNameMasksToInclude</td>
 *       <td>exclusive patches</td></tr>
 *   <tr><td>{@code rejectedPatches} (exclude)</td><td>RejectedPatches</td><td>kbNumbersToExclude, packageNameMasksToExclude</td>
 *       <td>excludes</td></tr>
 *   <tr><td>{@code reboot}, {@code schedule}</td><td>not kept (the maintenance window's)</td><td>rebootSetting, the
 *       configuration's window</td><td>rebootConfig, the deployment's recurring schedule</td></tr>
 *   <tr><td>approval delays and compliance levels, global filters, sources, rejected-patch action</td><td>kept</td>
 *       <td>not kept</td><td>not kept</td></tr>
 * </table>
 *
 * @param operatingSystem         in the cloud's spelling, such as {@code AMAZON_LINUX_2023} or {@code WINDOWS}
 * @param globalFilters           filters every approval rule is narrowed by (SSM's GlobalFilters)
 * @param approvedPatches         patches installed whatever the rules say, with their own compliance level
 * @param rejectedPatches         patches never installed; {@code rejectedPatchesAction} says whether they may still come as dependencies
 * @param sources                 alternative package repositories (Linux only)
 * @param reboot                  whether machines restart after an install that needs it
 * @param schedule                when installs run, spelled as a policy spells schedules ({@code cron(…)} or
 *                                {@code rate(…)}, in UTC); empty: the cloud's own schedule, or none
 */
public record PatchBaseline(String name, String operatingSystem, String description, List<PatchFilter> globalFilters,
                            List<ApprovalRule> approvalRules, List<String> approvedPatches,
                            ComplianceLevel approvedPatchesComplianceLevel, boolean approvedPatchesEnableNonSecurity,
                            List<String> rejectedPatches, RejectedPatchesAction rejectedPatchesAction, List<PatchSource> sources,
                            Reboot reboot, Optional<String> schedule) {

    /**
     * The fields, by their policy names, that every cloud's patch service keeps in some form: a baseline's name,
     * operating system, description and patch groups, its approval rules' filters, the patches it includes and
     * excludes, whether machines restart, and when installs run.
     */
    public static final Set<String> NEUTRAL_FIELDS = Set.of("name", "operatingSystem", "description", "patchGroups", "approvalRules",
            "filters", "approvedPatches", "rejectedPatches", "reboot", "schedule");

    /** How much a missing patch weighs in compliance. */
    public enum ComplianceLevel { CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED }

    /** Whether a machine restarts after an install: when the install needs it, never, or always. */
    public enum Reboot { IF_REQUIRED, NEVER, ALWAYS }

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
        Objects.requireNonNull(reboot, "reboot");
        schedule = Objects.requireNonNullElse(schedule, Optional.empty());
    }

    /** A baseline that restarts machines when an install needs it, on no schedule of its own: what SSM keeps. */
    public PatchBaseline(String name, String operatingSystem, String description, List<PatchFilter> globalFilters,
                         List<ApprovalRule> approvalRules, List<String> approvedPatches,
                         ComplianceLevel approvedPatchesComplianceLevel, boolean approvedPatchesEnableNonSecurity,
                         List<String> rejectedPatches, RejectedPatchesAction rejectedPatchesAction, List<PatchSource> sources) {
        this(name, operatingSystem, description, globalFilters, approvalRules, approvedPatches, approvedPatchesComplianceLevel,
                approvedPatchesEnableNonSecurity, rejectedPatches, rejectedPatchesAction, sources, Reboot.IF_REQUIRED, Optional.empty());
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
