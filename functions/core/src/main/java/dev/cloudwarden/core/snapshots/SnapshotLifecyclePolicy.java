package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.SnapshotPlacement;
import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.policy.OperationPolicy;

import dev.cloudwarden.core.schedule.Schedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The snapshot-lifecycle operation's settings: plans that snapshot selected disks on a schedule, keep
 * what their retention rules keep, and copy to disaster-recovery regions; which volumes no plan needs to
 * cover; and how much one run may delete.
 *
 * @param protectTags a snapshot carrying any of these tags ({@code *}: any value) is never deleted, whatever the
 *                    retention rules say
 * @param blastRadius how many snapshots one run may delete ({@code maxChanges}); taking and copying are never limited
 */
public record SnapshotLifecyclePolicy(List<Plan> plans, UnprotectedVolumes unprotectedVolumes, Map<String, String> protectTags,
                                      ChangeLimit blastRadius) implements OperationPolicy {
    public static final Map<String, String> DEFAULT_PROTECT_TAGS = Map.of("cloudwarden:protect", "*");

    public SnapshotLifecyclePolicy {
        plans = List.copyOf(plans);
        Objects.requireNonNull(unprotectedVolumes, "unprotectedVolumes");
        protectTags = Map.copyOf(protectTags);
        Objects.requireNonNull(blastRadius, "blastRadius");
    }

    /**
     * One schedule over one selection of disks. Its name is written on every snapshot it takes
     * ({@code cloudwarden:plan}), and a plan deletes only snapshots carrying its own name.
     *
     * @param zone     the time zone of the cron fields and of the daily/weekly/monthly retention calendar
     * @param copyTags keys of the volume's tags the snapshots inherit; {@code *} for all of them
     * @param copies    disaster-recovery regions each new snapshot is copied to, each with its own retention
     * @param placement where the cloud keeps the plan's snapshots (an Azure resource group, GCP storage locations), on
     *                  a cloud that lets a plan say; the default: where the disk is
     */
    public record Plan(String name, Schedule schedule, ZoneId zone, Selection selection, List<String> copyTags,
                       Retention retain, List<CopyTarget> copies, SnapshotPlacement placement) {
        public static final String ALL_TAGS = "*";

        public Plan {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(selection, "selection");
            copyTags = List.copyOf(copyTags);
            Objects.requireNonNull(retain, "retain");
            copies = List.copyOf(copies);
            Objects.requireNonNull(placement, "placement");
        }

        /** A plan whose snapshots live where their disks are. */
        public Plan(String name, Schedule schedule, ZoneId zone, Selection selection, List<String> copyTags, Retention retain,
                    List<CopyTarget> copies) {
            this(name, schedule, zone, selection, copyTags, retain, copies, SnapshotPlacement.DEFAULT);
        }
    }

    /** Which disks a plan snapshots. */
    public sealed interface Selection {
        /** A disk or instance is selected when it carries every one of these tags ({@code *}: any value). */
        Map<String, String> tags();

        /** Each volume carrying the tags, on its own. */
        record Volumes(Map<String, String> tags) implements Selection {
            public Volumes {
                tags = Map.copyOf(tags);
            }
        }

        /**
         * Each instance carrying the tags: its attached volumes taken together, at the same moment, as one
         * crash-consistent set.
         *
         * @param excludeRootVolume leave the instance's boot volume out of the set
         */
        record Instances(Map<String, String> tags, boolean excludeRootVolume) implements Selection {
            public Instances {
                tags = Map.copyOf(tags);
            }
        }
    }

    /**
     * Which snapshots to keep. Each rule names snapshots to keep and a snapshot is deleted only when no rule
     * keeps it (the union, as restic's and borg's {@code --keep-*} options): a typo in one rule never
     * widens what the others delete.
     *
     * @param count   the newest N
     * @param maxAge  every snapshot younger than this
     * @param daily   the newest snapshot of each of the last N days that have one (weekly: ISO weeks; monthly: months)
     */
    public record Retention(OptionalInt count, Optional<Duration> maxAge, OptionalInt daily, OptionalInt weekly,
                            OptionalInt monthly) {
        public Retention {
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(daily, "daily");
            Objects.requireNonNull(weekly, "weekly");
            Objects.requireNonNull(monthly, "monthly");
            if (count.isEmpty() && maxAge.isEmpty() && daily.isEmpty() && weekly.isEmpty() && monthly.isEmpty()) {
                throw new IllegalArgumentException("a retention keeps something: give count, maxAge, daily, weekly or monthly");
            }
        }

        public static Retention count(int n) {
            return new Retention(OptionalInt.of(n), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
    }

    /**
     * A disaster-recovery region each new snapshot of the plan is copied to.
     *
     * @param encryptionKey re-encrypt the copy with this key of the destination region (a KMS key id, ARN or alias)
     * @param retain        the copies' own retention, applied in the destination region
     */
    public record CopyTarget(String region, Optional<String> encryptionKey, Retention retain) {
        public CopyTarget {
            Objects.requireNonNull(region, "region");
            encryptionKey = Objects.requireNonNullElse(encryptionKey, Optional.empty());
            Objects.requireNonNull(retain, "retain");
        }
    }

    /**
     * Volumes no plan selects are reported, except those ignored here (scratch disks, caches).
     *
     * @param ignoreTags a volume carrying any of these tags is not reported ({@code *}: any value)
     */
    public record UnprotectedVolumes(boolean report, Set<String> ignoreVolumeIds, Map<String, String> ignoreTags) {
        public static final UnprotectedVolumes REPORT_ALL = new UnprotectedVolumes(true, Set.of(), Map.of());

        public UnprotectedVolumes {
            ignoreVolumeIds = Set.copyOf(ignoreVolumeIds);
            ignoreTags = Map.copyOf(ignoreTags);
        }
    }
}
