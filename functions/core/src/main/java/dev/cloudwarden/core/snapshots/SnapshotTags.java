package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Plan;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The tags cloudwarden writes on the snapshots it takes and copies. They are how a later run recognises
 * its own work: {@link #PLAN} marks a snapshot as owned by a plan (only owned snapshots are ever deleted),
 * {@link #WINDOW} says which schedule window it was taken for (one per volume and window), and a copy's
 * {@link #COPY_OF} names its original (one copy per original and region).
 */
public final class SnapshotTags {
    public static final String PLAN = "cloudwarden:plan";
    public static final String WINDOW = "cloudwarden:window";
    public static final String VOLUME = "cloudwarden:volume";
    public static final String INSTANCE = "cloudwarden:instance";
    public static final String COPY_OF = "cloudwarden:copy-of";
    public static final String COPY_OF_REGION = "cloudwarden:copy-of-region";
    private static final String OWN_PREFIX = "cloudwarden:";

    private SnapshotTags() {
    }

    /**
     * The volume's tags a plan's snapshots inherit: the keys it names, or all of them for {@code *}, never cloudwarden's
     * own nor those the cloud reserves for itself (AWS's {@code aws:…}), which no one else may write.
     */
    static Map<String, String> inherited(Plan plan, Disk disk, CloudNames names) {
        Map<String, String> tags = new LinkedHashMap<>();
        disk.resource().tags().values().forEach((key, value) -> {
            if (names.reservedKey(key) || key.toLowerCase(Locale.ROOT).startsWith(OWN_PREFIX)) {
                return;
            }
            if (plan.copyTags().contains(Plan.ALL_TAGS) || plan.copyTags().contains(key)) {
                tags.put(key, value);
            }
        });
        return tags;
    }

    /** Of {@code tags}, cloudwarden's own: those that say which plan, window, volume, instance or original a snapshot is of. */
    static Map<String, String> own(Map<String, String> tags) {
        Map<String, String> own = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (key.startsWith(OWN_PREFIX)) {
                own.put(key, value);
            }
        });
        return own;
    }

    /** A copy inherits every tag of its original that is not cloudwarden's own (those it gets anew). */
    static Map<String, String> inheritedByCopy(Map<String, String> original, CloudNames names) {
        Map<String, String> tags = new LinkedHashMap<>();
        original.forEach((key, value) -> {
            if (!key.toLowerCase(Locale.ROOT).startsWith(OWN_PREFIX) && !names.reservedKey(key)) {
                tags.put(key, value);
            }
        });
        return tags;
    }
}
