package dev.cloudwarden.core.patches;

import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.policy.OperationPolicy;

import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.Rate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The patch-baselines operation's settings: the baselines that must exist exactly as declared, the patch
 * groups each serves and which is its operating system's default; how compliance is judged; whether stale
 * instances are scanned; and whose changes are cloudwarden's own.
 *
 * @param ownRoles names of the IAM roles whose changes are cloudwarden's own (globs with {@code *}): a change
 *                 made by an assumed-role session of one of them is not drift
 */
public record PatchBaselinesPolicy(List<DeclaredBaseline> baselines, Compliance compliance, Optional<Scan> scan,
                                   List<String> ownRoles, BlastRadius blastRadius) implements OperationPolicy {
    public static final List<String> DEFAULT_OWN_ROLES = List.of("cloudwarden-patch-baselines*");

    public PatchBaselinesPolicy {
        baselines = List.copyOf(baselines);
        Objects.requireNonNull(compliance, "compliance");
        scan = Objects.requireNonNullElse(scan, Optional.empty());
        ownRoles = List.copyOf(ownRoles);
        Objects.requireNonNull(blastRadius, "blastRadius");
    }

    /**
     * True when {@code principal} (as the cloud's audit trail names the caller) acts as one of {@link #ownRoles}; the
     * cloud says which role, if any, a principal acts as.
     */
    public boolean isOwn(String principal, CloudNames names) {
        return names.actingRole(principal).filter(role -> ownRoles.stream().anyMatch(glob -> globMatches(glob, role))).isPresent();
    }

    /**
     * Whether {@code text} is {@code glob} with each {@code *} standing for any run of characters. Matched without a
     * regular expression: a glob such as {@code *a*a*a*a*a*a*b} compiled to one backtracks for minutes on a role name
     * of a's, and role names are anyone's choice who may create roles. This walk keeps only the last star's position:
     * at most glob length times name length steps.
     */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /**
     * One baseline as it must be.
     *
     * @param patchGroups the patch groups it is registered for, and only those
     * @param isDefault   it is its operating system's default baseline
     */
    public record DeclaredBaseline(PatchBaseline content, List<String> patchGroups, boolean isDefault) {
        public DeclaredBaseline {
            Objects.requireNonNull(content, "content");
            patchGroups = patchGroups.stream().sorted().toList();
        }

        public String name() {
            return content.name();
        }
    }

    /**
     * How instances are judged.
     *
     * @param scanMaxAge        an instance whose last scan or install ended longer ago is overdue
     * @param patchGroupTag     the tag key naming an instance's patch group (one of those the cloud's patch service reads,
     *                          {@code CloudNames.patchGroupTags()}: SSM reads "Patch Group" or "PatchGroup")
     * @param defaultPatchGroup a managed instance without the tag is tagged with this group (one of the declared groups)
     */
    public record Compliance(Duration scanMaxAge, String patchGroupTag, Optional<String> defaultPatchGroup) {
        public static final Duration DEFAULT_SCAN_MAX_AGE = Duration.ofDays(7);
        public static final String DEFAULT_PATCH_GROUP_TAG = "Patch Group";
        public static final Compliance DEFAULT = new Compliance(DEFAULT_SCAN_MAX_AGE, DEFAULT_PATCH_GROUP_TAG, Optional.empty());

        public Compliance {
            Objects.requireNonNull(scanMaxAge, "scanMaxAge");
            Objects.requireNonNull(patchGroupTag, "patchGroupTag");
            defaultPatchGroup = Objects.requireNonNullElse(defaultPatchGroup, Optional.empty());
        }
    }

    /** Assessments of overdue instances, at most {@code maxConcurrency} at a time, stopping after {@code maxErrors} failures. */
    public record Scan(Rate maxConcurrency, Rate maxErrors) {
        public static final Scan DEFAULT = of("10%", "10%");

        public Scan {
            Objects.requireNonNull(maxConcurrency, "maxConcurrency");
            Objects.requireNonNull(maxErrors, "maxErrors");
        }

        /** A scan at rates spelled {@code 10} or {@code 10%}. */
        public static Scan of(String maxConcurrency, String maxErrors) {
            return new Scan(Rate.parse(maxConcurrency).orElseThrow(() -> new IllegalArgumentException("not a rate: " + maxConcurrency)),
                    Rate.parse(maxErrors).orElseThrow(() -> new IllegalArgumentException("not a rate: " + maxErrors)));
        }
    }

    /**
     * The most one run may change: baseline writes (create, update, register, default) and instance tags
     * count as changes ({@code maxChanges}, {@code maxPercent} of the baselines and instances in scope); scans are
     * limited apart. Beyond either limit the run changes nothing.
     */
    public record BlastRadius(ChangeLimit changes, int maxScans) {
        public static final int DEFAULT_MAX_SCANS = 100;
        public static final BlastRadius DEFAULT = new BlastRadius(ChangeLimit.DEFAULT, DEFAULT_MAX_SCANS);

        public BlastRadius {
            Objects.requireNonNull(changes, "changes");
        }
    }
}
