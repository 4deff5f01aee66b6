package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Retention;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which completed snapshots of one volume a retention keeps, and why: a pure function of the snapshots,
 * the rules, the calendar's time zone and the clock's reading. A snapshot no rule keeps is a candidate
 * for deletion; the planner still keeps the newest, protected and image-backed ones.
 */
final class RetentionRules {
    private RetentionRules() {
    }

    /**
     * @param completed one volume's completed snapshots, newest first ({@link Managed#NEWEST_FIRST})
     * @return each kept snapshot's id with the rules that keep it, in the order given
     */
    static Map<String, List<String>> keep(List<Managed> completed, Retention retain, ZoneId zone, Instant now) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        retain.count().ifPresent(n -> completed.stream().limit(n).forEach(s -> because(kept, s, "one of the newest " + n)));
        retain.maxAge().ifPresent(age -> completed.stream()
                .filter(s -> s.takenAt().isAfter(now.minus(age)))
                .forEach(s -> because(kept, s, "younger than maxAge " + describe(age))));
        retain.daily().ifPresent(n -> newestPer(completed, n, zone, t -> t.toLocalDate(), "day", kept));
        retain.weekly().ifPresent(n -> newestPer(completed, n, zone,
                t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-W" + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), "week", kept));
        retain.monthly().ifPresent(n -> newestPer(completed, n, zone, YearMonth::from, "month", kept));
        return kept;
    }

    /** The newest snapshot of each of the {@code n} most recent periods that have one (restic's --keep-daily and kin). */
    private static void newestPer(List<Managed> completed, int n, ZoneId zone, Function<ZonedDateTime, Object> period,
                                  String unit, Map<String, List<String>> kept) {
        Set<Object> seen = new HashSet<>();
        for (Managed snapshot : completed) {
            if (seen.size() == n) {
                return;
            }
            Object bucket = period.apply(snapshot.takenAt().atZone(zone));
            if (seen.add(bucket)) {
                because(kept, snapshot, "the newest of its " + unit + " (" + bucket + "), one of the last " + n);
            }
        }
    }

    /** An age as policies write it: 30d, 36h. */
    static String describe(java.time.Duration age) {
        return age.toHours() % 24 == 0 ? age.toDays() + "d" : age.toHours() + "h";
    }

    private static void because(Map<String, List<String>> kept, Managed snapshot, String reason) {
        kept.computeIfAbsent(snapshot.id(), k -> new ArrayList<>()).add(reason);
    }
}
