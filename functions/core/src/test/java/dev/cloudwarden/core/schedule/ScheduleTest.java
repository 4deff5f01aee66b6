package dev.cloudwarden.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A schedule cuts time into windows, from one firing (inclusive) to the next (exclusive); a run does what
 * the window its clock falls in asks, however often it runs. Expressions are EventBridge's.
 */
class ScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDailyCronsWindowRunsFromTodaysFiringToTomorrows() {
        Schedule daily = Schedule.parse("cron(0 3 * * ? *)", UTC);

        assertThat(daily.windowAt(at("2026-11-30T10:00:00Z")))
                .contains(window("2026-11-30T03:00:00Z", "2026-12-01T03:00:00Z"));
    }

    @Test
    void aNewWindowStartsExactlyAtTheFiring_andTheInstantBeforeStillBelongsToTheLastOne() {
        Schedule daily = Schedule.parse("cron(0 3 * * ? *)", UTC);

        assertThat(daily.windowAt(at("2026-11-30T03:00:00Z")))
                .contains(window("2026-11-30T03:00:00Z", "2026-12-01T03:00:00Z"));
        assertThat(daily.windowAt(at("2026-11-30T02:59:59Z")))
                .contains(window("2026-11-29T03:00:00Z", "2026-11-30T03:00:00Z"));
        assertThat(daily.windowAt(at("2026-11-30T02:59:59.999Z")))
                .contains(window("2026-11-29T03:00:00Z", "2026-11-30T03:00:00Z"));
    }

    @Test
    void aWeekdayCronOnASaturdayIsStillInFridaysWindow_whichEndsOnMonday() {
        Schedule weekdays = Schedule.parse("cron(0 3 ? * MON-FRI *)", UTC);

        assertThat(weekdays.windowAt(at("2026-12-05T12:00:00Z"))) // a Saturday
                .contains(window("2026-12-04T03:00:00Z", "2026-12-07T03:00:00Z"));
    }

    @Test
    void dayOfWeekNumbersCountFromSundayAsOne_asInEventBridge() {
        Schedule mondays = Schedule.parse("cron(0 3 ? * 2 *)", UTC);
        Schedule sundays = Schedule.parse("cron(0 3 ? * 1 *)", UTC);

        assertThat(mondays.windowAt(at("2026-12-01T10:00:00Z"))) // a Tuesday
                .contains(window("2026-11-30T03:00:00Z", "2026-12-07T03:00:00Z"));
        assertThat(sundays.windowAt(at("2026-12-01T10:00:00Z")))
                .contains(window("2026-11-29T03:00:00Z", "2026-12-06T03:00:00Z"));
    }

    @Test
    void theNthAndLastWeekdayOfTheMonthAndTheNearestWeekdayAreUnderstood() {
        assertThat(Schedule.parse("cron(0 3 ? * 2#1 *)", UTC).windowAt(at("2026-12-01T10:00:00Z"))) // first Mondays
                .contains(window("2026-11-02T03:00:00Z", "2026-12-07T03:00:00Z"));
        assertThat(Schedule.parse("cron(0 3 ? * 6L *)", UTC).windowAt(at("2026-12-01T10:00:00Z"))) // last Fridays
                .contains(window("2026-11-27T03:00:00Z", "2026-12-25T03:00:00Z"));
        assertThat(Schedule.parse("cron(0 3 15W * ? *)", UTC).windowAt(at("2026-12-01T10:00:00Z"))) // Nov 15 is a Sunday
                .contains(window("2026-11-16T03:00:00Z", "2026-12-15T03:00:00Z"));
    }

    @Test
    void aCronEveryFifteenMinutesCutsQuarterHours() {
        Schedule quarters = Schedule.parse("cron(0/15 * * * ? *)", UTC);

        assertThat(quarters.windowAt(at("2026-11-30T10:07:30Z")))
                .contains(window("2026-11-30T10:00:00Z", "2026-11-30T10:15:00Z"));
        assertThat(quarters.windowAt(at("2026-11-30T10:59:59Z")))
                .contains(window("2026-11-30T10:45:00Z", "2026-11-30T11:00:00Z"));
    }

    @Test
    void theLastDayOfTheMonthFollowsEachMonthsLength() {
        Schedule monthEnd = Schedule.parse("cron(0 3 L * ? *)", UTC);

        assertThat(monthEnd.windowAt(at("2026-02-15T00:00:00Z")))
                .contains(window("2026-01-31T03:00:00Z", "2026-02-28T03:00:00Z"));
        assertThat(monthEnd.windowAt(at("2026-03-01T00:00:00Z")))
                .contains(window("2026-02-28T03:00:00Z", "2026-03-31T03:00:00Z"));
        assertThat(monthEnd.windowAt(at("2028-02-29T04:00:00Z"))) // a leap year
                .contains(window("2028-02-29T03:00:00Z", "2028-03-31T03:00:00Z"));
    }

    @Test
    void cronFieldsAreReadInThePlansTimeZone_threeInBerlinIsTwoUtcInWinterAndOneInSummer() {
        Schedule berlin = Schedule.parse("cron(0 3 * * ? *)", BERLIN);

        assertThat(berlin.windowAt(at("2026-01-15T12:00:00Z")))
                .contains(window("2026-01-15T02:00:00Z", "2026-01-16T02:00:00Z"));
        assertThat(berlin.windowAt(at("2026-07-15T12:00:00Z")))
                .contains(window("2026-07-15T01:00:00Z", "2026-07-16T01:00:00Z"));
    }

    @Test
    void theWindowAcrossTheSpringClockChangeIsAnHourShorter() {
        Schedule berlin = Schedule.parse("cron(0 3 * * ? *)", BERLIN);

        // clocks go forward on Sunday 2026-03-29 in the EU
        assertThat(berlin.windowAt(at("2026-03-28T12:00:00Z")))
                .contains(window("2026-03-28T02:00:00Z", "2026-03-29T01:00:00Z"));
    }

    @Test
    void beforeGivesThePreviousWindow() {
        Schedule daily = Schedule.parse("cron(0 3 * * ? *)", UTC);
        Window today = daily.windowAt(at("2026-11-30T10:00:00Z")).orElseThrow();

        assertThat(daily.before(today)).contains(window("2026-11-29T03:00:00Z", "2026-11-30T03:00:00Z"));
    }

    @Test
    void beforeMondaysWindowOfAWeekdayCronIsFridays() {
        Schedule weekdays = Schedule.parse("cron(0 3 ? * MON-FRI *)", UTC);
        Window monday = weekdays.windowAt(at("2026-12-07T10:00:00Z")).orElseThrow();

        assertThat(monday).isEqualTo(window("2026-12-07T03:00:00Z", "2026-12-08T03:00:00Z"));
        assertThat(weekdays.before(monday)).contains(window("2026-12-04T03:00:00Z", "2026-12-07T03:00:00Z"));
    }

    @Test
    void aCronWhoseOnlyFiringsAreInTheFutureHasNoWindowYet() {
        Schedule from2030 = Schedule.parse("cron(0 3 1 1 ? 2030)", UTC);

        assertThat(from2030.windowAt(at("2026-11-30T10:00:00Z"))).isEmpty();
    }

    @Test
    void theFirstWindowHasNoneBefore() {
        Schedule only2026 = Schedule.parse("cron(0 3 * * ? 2026)", UTC);
        Window first = only2026.windowAt(at("2026-01-01T10:00:00Z")).orElseThrow();

        assertThat(first).isEqualTo(window("2026-01-01T03:00:00Z", "2026-01-02T03:00:00Z"));
        assertThat(only2026.before(first)).isEmpty();
        assertThat(only2026.windowAt(at("2026-01-01T02:00:00Z"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-31T03:00:00Z", "2026-12-31T10:00:00Z", "2027-01-01T00:00:00Z", "2027-06-01T00:00:00Z"})
    void theLastWindowNeverEnds_howeverLongAfterTheLastFiringTheRunComes(String run) {
        Schedule only2026 = Schedule.parse("cron(0 3 * * ? 2026)", UTC);

        assertThat(only2026.windowAt(at(run))).contains(new Window(at("2026-12-31T03:00:00Z"), Instant.MAX));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 3 * * ? *)        | UTC           | 2026-11-30T10:00:00Z",
            "cron(0 3 * * ? *)        | Europe/Berlin | 2026-10-25T01:30:00Z",
            "cron(30 2 * * ? *)       | Europe/Berlin | 2026-03-29T01:15:00Z",
            "cron(0 3 ? * MON-FRI *)  | UTC           | 2026-12-06T23:59:59Z",
            "cron(0 3 L * ? *)        | UTC           | 2026-12-31T02:59:59Z",
            "cron(0/15 * * * ? *)     | UTC           | 2026-11-30T10:14:59Z",
            "cron(0 0 1 1 ? *)        | UTC           | 2026-12-31T23:59:59Z",
            "rate(7 days)             | UTC           | 2026-11-30T10:00:00Z",
            "rate(90 minutes)         | UTC           | 2026-11-30T10:00:00Z"})
    void theWindowAtAnInstantHoldsIt_fromItsStartInclusiveToItsEndExclusive(String expression, String zone, String run) {
        Window window = Schedule.parse(expression, ZoneId.of(zone)).windowAt(at(run)).orElseThrow();

        assertThat(window.start()).isBeforeOrEqualTo(at(run));
        assertThat(window.end()).isAfter(at(run));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-30T10:00:00Z, 2026-11-30T00:00:00Z, 2026-11-30T12:00:00Z",
            "2026-11-30T00:00:00Z, 2026-11-30T00:00:00Z, 2026-11-30T12:00:00Z",
            "2026-11-30T11:59:59Z, 2026-11-30T00:00:00Z, 2026-11-30T12:00:00Z",
            "2026-11-30T12:00:00Z, 2026-11-30T12:00:00Z, 2026-12-01T00:00:00Z",
            "2026-11-30T23:30:00Z, 2026-11-30T12:00:00Z, 2026-12-01T00:00:00Z"})
    void aRateOfTwelveHoursCutsWindowsAtMidnightAndNoonUtcWhateverTheRunTime(String run, String start, String end) {
        assertThat(Schedule.parse("rate(12 hours)", UTC).windowAt(at(run))).contains(window(start, end));
    }

    @Test
    void aRateIgnoresThePlansTimeZone_itsWindowsAreAlignedToTheUtcEpoch() {
        assertThat(Schedule.parse("rate(12 hours)", BERLIN).windowAt(at("2026-11-30T10:00:00Z")))
                .contains(window("2026-11-30T00:00:00Z", "2026-11-30T12:00:00Z"));
        assertThat(Schedule.parse("rate(1 day)", BERLIN).windowAt(at("2026-11-30T23:30:00Z")))
                .contains(window("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z"));
    }

    @Test
    void beforeARatesWindowIsTheOneJustEarlier() {
        Schedule rate = Schedule.parse("rate(15 minutes)", UTC);
        Window now = rate.windowAt(at("2026-11-30T10:07:00Z")).orElseThrow();

        assertThat(rate.before(now)).contains(window("2026-11-30T09:45:00Z", "2026-11-30T10:00:00Z"));
    }

    @Test
    void aWindowsIdIsItsStartAsAUtcInstantWithSeconds() {
        assertThat(window("2026-11-30T03:00:00Z", "2026-12-01T03:00:00Z").id()).isEqualTo("2026-11-30T03:00:00Z");
        assertThat(Schedule.parse("cron(0 3 * * ? *)", BERLIN).windowAt(at("2026-11-30T10:00:00Z")).orElseThrow().id())
                .isEqualTo("2026-11-30T02:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"every day", "cron(0 3 * * ? *", "0 3 * * ? *", "rate(twelve hours)", "rate(0 hours)", "rate(12 weeks)",
            "cron(0 3 * * ?)", "cron(0 3 1 * MON *)", "cron(0 3 * * * *)", "cron(0 3 ? * ? *)", "cron(99 3 * * ? *)",
            "cron(0 24 * * ? *)"})
    void anExpressionEventBridgeWouldRefuseIsRefusedSayingWhatIsExpected(String expression) {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse(expression, UTC))
                .withMessageContaining(expression.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 3 * * ? *)         | 2026-12-08T03:00:00Z",
            "cron(0 0 1 1 ? *)         | 2027-01-01T00:00:00Z",
            "cron(0 3 ? * MON-FRI *)   | 2026-12-08T03:00:00Z",
            "rate(12 hours)            | 2026-12-08T00:00:00Z",
            "rate(366 days)            | 2027-02-13T00:00:00Z"})
    void theNextFiringIsTheFirstStrictlyAfterTheInstant(String expression, String next) {
        assertThat(Schedule.parse(expression, UTC).nextFiring(at("2026-12-07T12:00:00Z"))).contains(at(next));
    }

    @Test
    void aCronWhoseYearsArePastHasNoNextFiring() {
        assertThat(Schedule.parse("cron(0 3 * * ? 2020)", UTC).nextFiring(at("2026-12-07T12:00:00Z"))).isEmpty();
        assertThat(Schedule.parse("cron(0 3 30 2 ? *)", UTC).nextFiring(at("2026-12-07T12:00:00Z"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 3 * * ? *)", "cron(0 0 1 1 ? *)", "cron(0 3 L 12 ? *)", "cron(0 0 ? 1 2#1 *)",
            "cron(0 3 * * ? 2026-2027)", "rate(1 minute)", "rate(365 days)", "rate(366 days)", "rate(527040 minutes)"})
    void aScheduleFiringWithinAYear_andAgainWithinAYear_isAccepted(String expression) {
        Schedule.parse(expression, UTC).requireFiringWithinAYear(at("2026-12-07T12:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 3 * * ? 2020)    | cron(0 3 * * ? 2020) never fires again after 2026-12-07T12:00:00Z",
            "cron(0 3 30 2 ? *)      | cron(0 3 30 2 ? *) never fires again after 2026-12-07T12:00:00Z",
            "cron(0 3 1 1 ? 2099)    | cron(0 3 1 1 ? 2099) fires next at 2099-01-01T03:00:00Z, more than a year after 2026-12-07T12:00:00Z",
            "cron(0 3 1 1 ? 2028)    | cron(0 3 1 1 ? 2028) fires next at 2028-01-01T03:00:00Z, more than a year after",
            "cron(0 3 1 1 ? 2027)    | cron(0 3 1 1 ? 2027) fires once more, at 2027-01-01T03:00:00Z, and never again",
            "cron(0 3 29 2 ? *)      | cron(0 3 29 2 ? *) fires next at 2028-02-29T03:00:00Z, more than a year after",
            "cron(0 3 ? 2 MON#5 *)   | cron(0 3 ? 2 MON#5 *) fires next at 2044-02-29T03:00:00Z",
            "rate(999999 days)       | rate(999999 days) fires next at 4707-11-28T00:00:00Z, more than a year after",
            "rate(367 days)          | rate(367 days) fires at 2027-04-11T00:00:00Z and then not before 2028-04-12T00:00:00Z, more than a year later"})
    void aScheduleThatNeverFiresAgain_orNotWithinAYear_orOnceInAges_isRefused(String expression, String message) {
        Schedule schedule = Schedule.parse(expression, UTC);

        assertThatIllegalArgumentException().isThrownBy(() -> schedule.requireFiringWithinAYear(at("2026-12-07T12:00:00.123Z")))
                .withMessageStartingWith(message)
                .withMessageEndingWith("a plan must fire within a year, and again within a year after that");
    }

    @Test
    void theRuleIsJudgedAtTheGivenInstant_aCronForNextYearOnlyPassesNoLonger() {
        Schedule nextYear = Schedule.parse("cron(0 3 * * ? 2027)", UTC);

        nextYear.requireFiringWithinAYear(at("2026-12-07T12:00:00Z"));
        assertThatIllegalArgumentException().isThrownBy(() -> nextYear.requireFiringWithinAYear(at("2027-12-31T04:00:00Z")))
                .withMessageStartingWith("cron(0 3 * * ? 2027) never fires again");
    }

    @Test
    void anExpressionLongerThanEventBridgesLimit_isRefusedBeforeCronUtilsSpendsSecondsOnIt() {
        String thousandsOfLs = "cron(0 3 " + "L,".repeat(5000) + "L * ? *)";

        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse(thousandsOfLs, UTC))
                .withMessage("a schedule expression has at most 256 characters (EventBridge's limit), got 10017");
        assertThat(Schedule.parse("cron(0 3 " + "L,".repeat(119) + "L * ? *)", UTC).expression()).hasSize(255);
    }

    @Test
    void aCronNamingADayItsMonthNeverHas_isRefusedWhenEvaluated_notThrownAsADateError() {
        Schedule february31 = Schedule.parse("cron(0 3 31W 2 ? *)", UTC);

        assertThatIllegalArgumentException().isThrownBy(() -> february31.requireFiringWithinAYear(at("2026-12-07T12:00:00Z")))
                .withMessageStartingWith("cron(0 3 31W 2 ? *) cannot be evaluated");
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Window window(String start, String end) {
        return new Window(at(start), at(end));
    }
}
