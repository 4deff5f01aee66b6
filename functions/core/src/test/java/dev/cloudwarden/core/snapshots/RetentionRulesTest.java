package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Retention;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which of one volume's completed snapshots a retention keeps. Each rule keeps some snapshots, and what the
 * rules keep together is the union (restic's --keep-last, --keep-within, --keep-daily/weekly/monthly):
 * daily, weekly and monthly keep the newest snapshot of each of the last N periods that have one, weeks are
 * ISO weeks (Monday to Sunday), and periods are read in the plan's time zone.
 */
class RetentionRulesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");
    private static final LocalDate LAST_DAY = LocalDate.parse("2026-04-10"); // a Friday
    /** One snapshot a day at 03:00Z, 2026-01-01 to 2026-04-10: a hundred days. */
    private static final List<Managed> HUNDRED_DAYS = newestFirst(IntStream.range(0, 100)
            .mapToObj(i -> FIRST_DAY.plusDays(i) + "T03:00:00Z").toList());
    private static final Instant NOW = Instant.parse("2026-04-10T12:00:00Z");

    @Test
    void theEstateHoldsAHundredDailySnapshots() {
        assertThat(HUNDRED_DAYS).hasSize(100);
        assertThat(HUNDRED_DAYS.getFirst().takenAt()).isEqualTo(Instant.parse("2026-04-10T03:00:00Z"));
        assertThat(HUNDRED_DAYS.getLast().takenAt()).isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
    }

    @Test
    void countKeepsTheNNewest() {
        assertThat(kept(HUNDRED_DAYS, count(5), UTC)).containsExactlyInAnyOrder(
                "04-10", "04-09", "04-08", "04-07", "04-06");
    }

    @Test
    void aCountAboveTheNumberOfSnapshotsKeepsThemAll() {
        assertThat(kept(HUNDRED_DAYS, count(500), UTC)).hasSize(100);
    }

    @Test
    void maxAgeKeepsTheSnapshotsYoungerThanIt() {
        // ten days before 2026-04-10T12:00Z is 2026-03-31T12:00Z: the snapshot of 03-31 03:00 is older
        assertThat(kept(HUNDRED_DAYS, maxAge(Duration.ofDays(10)), UTC)).containsExactlyInAnyOrder(
                "04-10", "04-09", "04-08", "04-07", "04-06", "04-05", "04-04", "04-03", "04-02", "04-01");
    }

    @Test
    void aSnapshotExactlyMaxAgeOldIsNoLongerYounger() {
        Instant justThen = Instant.parse("2026-04-10T03:00:00Z");

        assertThat(ids(RetentionRules.keep(HUNDRED_DAYS, maxAge(Duration.ofDays(1)), UTC, justThen)))
                .containsExactly(id("2026-04-10T03:00:00Z"));
    }

    @Test
    void dailyKeepsTheNewestOfEachOfTheLastNDays() {
        assertThat(kept(HUNDRED_DAYS, daily(7), UTC)).containsExactlyInAnyOrder(
                "04-10", "04-09", "04-08", "04-07", "04-06", "04-05", "04-04");
    }

    @Test
    void weeklyKeepsTheNewestOfEachOfTheLastNIsoWeeks_sundaysForEveryFinishedWeek() {
        // 04-10 is the Friday of the current week; the three weeks before end on Sundays 04-05, 03-29, 03-22
        assertThat(kept(HUNDRED_DAYS, weekly(4), UTC)).containsExactlyInAnyOrder("04-10", "04-05", "03-29", "03-22");
    }

    @Test
    void monthlyKeepsTheNewestOfEachOfTheLastNMonths_theirLastDays() {
        assertThat(kept(HUNDRED_DAYS, monthly(3), UTC)).containsExactlyInAnyOrder("04-10", "03-31", "02-28");
    }

    @Test
    void monthlyKeepsNoMoreMonthsThanHaveASnapshot() {
        assertThat(kept(HUNDRED_DAYS, monthly(12), UTC)).containsExactlyInAnyOrder("04-10", "03-31", "02-28", "01-31");
    }

    @Test
    void theRulesKeepTheUnionOfWhatEachKeeps() {
        Retention retain = new Retention(OptionalInt.of(2), Optional.empty(), OptionalInt.empty(), OptionalInt.of(3), OptionalInt.of(3));

        assertThat(kept(HUNDRED_DAYS, retain, UTC)).containsExactlyInAnyOrder(
                "04-10", "04-09",           // count 2
                "04-05", "03-29",           // weekly 3, with 04-10
                "03-31", "02-28");          // monthly 3, with 04-10
    }

    @Test
    void eachKeptSnapshotNamesEveryRuleThatKeepsIt() {
        Retention retain = new Retention(OptionalInt.of(2), Optional.of(Duration.ofDays(3)), OptionalInt.of(2), OptionalInt.empty(),
                OptionalInt.empty());

        Map<String, List<String>> kept = RetentionRules.keep(HUNDRED_DAYS, retain, UTC, NOW);

        assertThat(kept.get(id("2026-04-10T03:00:00Z"))).hasSize(3);
        assertThat(kept.get(id("2026-04-08T03:00:00Z"))).singleElement().asString().contains("3d");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6, 13, 14, 15, 20, 99, 100, 101})
    void dailyWeeklyAndMonthlyMatchTheNewestPerPeriodComputedIndependently(int n) {
        Function<LocalDate, Object> day = d -> d;
        Function<LocalDate, Object> mondayOfWeek = d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Function<LocalDate, Object> firstOfMonth = d -> d.withDayOfMonth(1);

        assertThat(kept(HUNDRED_DAYS, daily(n), UTC)).isEqualTo(newestPerPeriod(n, day));
        assertThat(kept(HUNDRED_DAYS, weekly(n), UTC)).isEqualTo(newestPerPeriod(n, mondayOfWeek));
        assertThat(kept(HUNDRED_DAYS, monthly(n), UTC)).isEqualTo(newestPerPeriod(n, firstOfMonth));
    }

    @Test
    void periodsWithoutASnapshotDoNotCount_theLastNDaysThatHaveOneAreKept() {
        List<Managed> gappy = newestFirst(List.of("2026-03-01T03:00:00Z", "2026-03-02T03:00:00Z", "2026-03-05T03:00:00Z",
                "2026-03-09T03:00:00Z", "2026-03-09T15:00:00Z"));

        assertThat(ids(RetentionRules.keep(gappy, daily(3), UTC, NOW))).containsExactlyInAnyOrder(
                id("2026-03-09T15:00:00Z"), id("2026-03-05T03:00:00Z"), id("2026-03-02T03:00:00Z"));
    }

    @Test
    void weeksAreIsoWeeks_theWeekAcrossNewYearIsOneWeek() {
        // 2026-12-27 is a Sunday (week 52); 12-29 and 2027-01-02 are both in 2026-W53; 2027-01-04 starts 2027-W01
        List<Managed> newYear = newestFirst(List.of("2026-12-27T03:00:00Z", "2026-12-29T03:00:00Z", "2027-01-02T03:00:00Z",
                "2027-01-04T03:00:00Z"));

        assertThat(ids(RetentionRules.keep(newYear, weekly(3), UTC, NOW))).containsExactlyInAnyOrder(
                id("2027-01-04T03:00:00Z"), id("2027-01-02T03:00:00Z"), id("2026-12-27T03:00:00Z"));
    }

    @Test
    void weeksStartOnMonday_saturdayAndSundayShareAWeek() {
        List<Managed> weekend = newestFirst(List.of("2026-03-07T03:00:00Z", "2026-03-08T03:00:00Z", "2026-03-09T03:00:00Z"));

        assertThat(ids(RetentionRules.keep(weekend, weekly(2), UTC, NOW))).containsExactlyInAnyOrder(
                id("2026-03-09T03:00:00Z"), id("2026-03-08T03:00:00Z"));
    }

    @Test
    void daysAreReadInThePlansTimeZone() {
        // 22:30Z is 23:30 in Berlin on March 1; 23:30Z is already 00:30 on March 2 there
        List<Managed> lateEvening = newestFirst(List.of("2026-02-28T12:00:00Z", "2026-03-01T22:30:00Z", "2026-03-01T23:30:00Z"));

        assertThat(ids(RetentionRules.keep(lateEvening, daily(2), UTC, NOW))).containsExactlyInAnyOrder(
                id("2026-03-01T23:30:00Z"), id("2026-02-28T12:00:00Z"));
        assertThat(ids(RetentionRules.keep(lateEvening, daily(2), BERLIN, NOW))).containsExactlyInAnyOrder(
                id("2026-03-01T23:30:00Z"), id("2026-03-01T22:30:00Z"));
    }

    @Test
    void monthsAreReadInThePlansTimeZone() {
        // 23:30Z on February 28 is already March 1 in Berlin
        List<Managed> monthEnd = newestFirst(List.of("2026-02-28T22:30:00Z", "2026-02-28T23:30:00Z"));

        assertThat(ids(RetentionRules.keep(monthEnd, monthly(2), UTC, NOW))).containsExactly(id("2026-02-28T23:30:00Z"));
        assertThat(ids(RetentionRules.keep(monthEnd, monthly(2), BERLIN, NOW))).containsExactlyInAnyOrder(
                id("2026-02-28T23:30:00Z"), id("2026-02-28T22:30:00Z"));
    }

    @Test
    void aSnapshotIsAgedByItsWindow_notByWhenTheCloudStartedIt() {
        // taken late, two days into its window's day: still the snapshot of March 1
        Managed late = Managed.of(snapshot("snap-late").of("vol-a").plan("daily").window("2026-03-01T03:00:00Z")
                .startedAt("2026-03-03T09:00:00Z").build()).orElseThrow();
        Managed next = Managed.of(snapshot("snap-next").of("vol-a").plan("daily").window("2026-03-02T03:00:00Z").build()).orElseThrow();

        assertThat(RetentionRules.keep(List.of(next, late), daily(2), UTC, NOW)).containsOnlyKeys("snap-next", "snap-late");
        assertThat(RetentionRules.keep(List.of(next, late), maxAge(Duration.ofHours(36)), UTC, Instant.parse("2026-03-03T12:00:00Z")))
                .containsOnlyKeys("snap-next");
    }

    // --- the estate and the expectations, computed without the code under test ---

    /** The newest snapshot of each of the last n periods (a period named by a date it maps every day to), as "MM-dd". */
    private static Set<String> newestPerPeriod(int n, Function<LocalDate, Object> period) {
        Map<Object, LocalDate> newest = new TreeMap<>(Comparator.comparing(p -> (LocalDate) p));
        for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
            newest.merge(period.apply(d), d, (a, b) -> a.isAfter(b) ? a : b);
        }
        List<LocalDate> byPeriodNewestFirst = newest.values().stream().sorted(Comparator.reverseOrder()).toList();
        return byPeriodNewestFirst.stream().limit(n).map(d -> d.toString().substring(5)).collect(Collectors.toSet());
    }

    /** What the retention keeps of the hundred days, as "MM-dd". */
    private static Set<String> kept(List<Managed> snapshots, Retention retain, ZoneId zone) {
        return RetentionRules.keep(snapshots, retain, zone, NOW).keySet().stream()
                .map(id -> id.substring("snap-2026-".length(), "snap-2026-".length() + 5)).collect(Collectors.toSet());
    }

    private static Set<String> ids(Map<String, List<String>> kept) {
        return kept.keySet();
    }

    /** One completed snapshot of vol-a per window start, named after it, ordered newest first. */
    private static List<Managed> newestFirst(List<String> windowStarts) {
        Map<Instant, Managed> byTime = new LinkedHashMap<>();
        for (String start : windowStarts) {
            byTime.put(Instant.parse(start), Managed.of(snapshot(id(start)).of("vol-a").plan("daily").window(start).build()).orElseThrow());
        }
        return byTime.entrySet().stream().sorted(Map.Entry.<Instant, Managed>comparingByKey().reversed()).map(Map.Entry::getValue).toList();
    }

    private static String id(String windowStart) {
        return "snap-" + windowStart;
    }

    private static Retention count(int n) {
        return Retention.count(n);
    }

    private static Retention maxAge(Duration age) {
        return new Retention(OptionalInt.empty(), Optional.of(age), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    private static Retention daily(int n) {
        return new Retention(OptionalInt.empty(), Optional.empty(), OptionalInt.of(n), OptionalInt.empty(), OptionalInt.empty());
    }

    private static Retention weekly(int n) {
        return new Retention(OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.of(n), OptionalInt.empty());
    }

    private static Retention monthly(int n) {
        return new Retention(OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(n));
    }
}
