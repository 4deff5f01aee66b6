package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.tags.TagCompliancePolicy;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.CopyTarget;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Plan;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Retention;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Selection;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.UnprotectedVolumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import dev.cloudwarden.api.SnapshotPlacement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The snapshotLifecycle section of a policy file: what it means, and each mistake named with its field and line. */
class SnapshotPolicyLoaderTest {
    private static final Clock DECEMBER_7 = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    /** One valid plan: after {@code version}, {@code cloud}, the section and {@code plans:}, it fills lines 5 to 8. */
    private static final String DAILY_PLAN = """
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select: {volumeTags: {backup: daily}}
                  retain: {count: 7}
            """;

    @Test
    void loadsEveryFieldOfASnapshotLifecycleSection() {
        Policy policy = PolicyLoader.parse("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily-volumes
                      schedule: cron(0 3 * * ? *)
                      timezone: Europe/Berlin
                      select:
                        volumeTags: {backup: daily, env: "*"}
                      copyTags: [team, cost-center]
                      retain:
                        count: 7
                        maxAge: 36h
                        daily: 7
                        weekly: 4
                        monthly: 12
                      copies:
                        - region: us-west-2
                          kmsKeyId: alias/dr
                          retain: {count: 3, maxAge: 2w}
                        - region: eu-central-1
                    - name: db.sets
                      schedule: rate(12 hours)
                      select:
                        instanceTags: {role: db}
                        excludeRootVolume: true
                      copyTags: ["*"]
                      retain: {maxAge: 30d}
                  unprotectedVolumes:
                    report: true
                    ignore:
                      volumeIds: [vol-scratch]
                      tags: {scratch: "*"}
                  protectTags: {legal-hold: "*", retention: "7y"}
                  blastRadius:
                    maxChanges: 20
                    maxPercent: 25
                """, "policy.yaml");

        SnapshotLifecyclePolicy snapshots = policy.section(SnapshotLifecyclePolicy.class).orElseThrow();
        assertThat(policy.section(TagCompliancePolicy.class)).isEmpty();
        assertThat(policy.section(FirewallAuditPolicy.class)).isEmpty();
        assertThat(snapshots.plans()).hasSize(2);

        Plan daily = snapshots.plans().get(0);
        Retention dailyRetention = new Retention(OptionalInt.of(7), Optional.of(Duration.ofHours(36)), OptionalInt.of(7),
                OptionalInt.of(4), OptionalInt.of(12));
        assertThat(daily.name()).isEqualTo("daily-volumes");
        assertThat(daily.schedule().expression()).isEqualTo("cron(0 3 * * ? *)");
        assertThat(daily.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(daily.selection()).isEqualTo(new Selection.Volumes(Map.of("backup", "daily", "env", "*")));
        assertThat(daily.copyTags()).containsExactly("team", "cost-center");
        assertThat(daily.retain()).isEqualTo(dailyRetention);
        assertThat(daily.copies()).containsExactly(
                new CopyTarget("us-west-2", Optional.of("alias/dr"), new Retention(OptionalInt.of(3), Optional.of(Duration.ofDays(14)),
                        OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty())),
                new CopyTarget("eu-central-1", Optional.empty(), dailyRetention));

        Plan sets = snapshots.plans().get(1);
        assertThat(sets.name()).isEqualTo("db.sets");
        assertThat(sets.schedule().expression()).isEqualTo("rate(12 hours)");
        assertThat(sets.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(sets.selection()).isEqualTo(new Selection.Instances(Map.of("role", "db"), true));
        assertThat(sets.copyTags()).containsExactly("*");
        assertThat(sets.retain()).isEqualTo(new Retention(OptionalInt.empty(), Optional.of(Duration.ofDays(30)),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()));
        assertThat(sets.copies()).isEmpty();

        assertThat(snapshots.unprotectedVolumes()).isEqualTo(new UnprotectedVolumes(true, Set.of("vol-scratch"), Map.of("scratch", "*")));
        assertThat(snapshots.protectTags()).isEqualTo(Map.of("legal-hold", "*", "retention", "7y"));
        assertThat(snapshots.blastRadius()).isEqualTo(new ChangeLimit(20, OptionalInt.of(25)));
    }

    @Test
    void aMinimalPlanTakesTheDefaults_utcNoTagsNoCopiesReportAllProtectTagAndFiftyDeletions() {
        SnapshotLifecyclePolicy snapshots = section("plans:\n" + DAILY_PLAN);

        Plan daily = snapshots.plans().getFirst();
        assertThat(daily.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(daily.copyTags()).isEmpty();
        assertThat(daily.copies()).isEmpty();
        assertThat(daily.selection()).isEqualTo(new Selection.Volumes(Map.of("backup", "daily")));
        assertThat(daily.retain()).isEqualTo(Retention.count(7));
        assertThat(snapshots.unprotectedVolumes()).isEqualTo(new UnprotectedVolumes(true, Set.of(), Map.of()));
        assertThat(snapshots.protectTags()).isEqualTo(Map.of("cloudwarden:protect", "*"));
        assertThat(snapshots.blastRadius()).isEqualTo(new ChangeLimit(50, OptionalInt.empty()));
        assertThat(daily.placement()).as("where the disk is").isEqualTo(SnapshotPlacement.DEFAULT);
    }

    /** Where snapshots live is the cloud's to honour when the plan runs; the policy says it as group and locations. */
    @Test
    void aPlanMayNameWhereItsSnapshotsLive_aGroupOrLocations_butNotAnEmptyPlacement() {
        assertThat(section("plans:\n" + DAILY_PLAN + "      placement: {group: rg-backups}\n").plans().getFirst().placement())
                .isEqualTo(new SnapshotPlacement(Optional.of("rg-backups"), List.of()));
        assertThat(section("plans:\n" + DAILY_PLAN + "      placement: {locations: [eu, us-central1]}\n").plans().getFirst().placement())
                .isEqualTo(new SnapshotPlacement(Optional.empty(), List.of("eu", "us-central1")));

        PolicyError error = onlyError("version: 1\ncloud: aws\nsnapshotLifecycle:\n"
                + ("plans:\n" + DAILY_PLAN + "      placement: {}\n").indent(2));
        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].placement");
        assertThat(error.problem()).contains("group", "locations");
    }

    @Test
    void instanceTagsWithoutExcludeRootVolumeKeepTheRootVolume() {
        SnapshotLifecyclePolicy snapshots = section("""
                plans:
                  - name: sets
                    schedule: rate(1 day)
                    select: {instanceTags: {role: db}}
                    retain: {daily: 7}
                """);

        assertThat(snapshots.plans().getFirst().selection()).isEqualTo(new Selection.Instances(Map.of("role", "db"), false));
    }

    @Test
    void unprotectedVolumesCanBeSilenced() {
        SnapshotLifecyclePolicy snapshots = section("plans:\n" + DAILY_PLAN + "unprotectedVolumes: {report: false}\n");

        assertThat(snapshots.unprotectedVolumes().report()).isFalse();
    }

    @Test
    void aSectionWithoutPlansIsAnErrorAtTheSectionsLine() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  protectTag: legal-hold
                """)).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans", 3));
    }

    @Test
    void anEmptyListOfPlansIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans: []
                """)).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans", 4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 3 * * ? 2020)  | cron(0 3 * * ? 2020) never fires again after 2026-12-07T12:00:00Z, so the plan would never take a snapshot",
            "cron(0 3 1 1 ? 2099)  | cron(0 3 1 1 ? 2099) fires next at 2099-01-01T03:00:00Z, more than a year after 2026-12-07T12:00:00Z",
            "rate(999999 days)     | rate(999999 days) fires next at 4707-11-28T00:00:00Z, more than a year after 2026-12-07T12:00:00Z"})
    void aScheduleThatWouldLeaveThePlanIdle_isAnErrorAtTheSchedule_judgedAtTheLoadersClock(String schedule, String message) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
                () -> PolicyLoader.parse(plan(schedule, "{volumeTags: {backup: daily}}", "{count: 7}"), "policy.yaml", DECEMBER_7));

        assertThat(e.errors()).containsExactly(new PolicyError("snapshotLifecycle.plans[0].schedule",
                message + ": a plan must fire within a year, and again within a year after that", 6));
    }

    @Test
    void aScheduleForNextYearOnly_loadsToday_andIsRefusedOnceItsYearIsPast() {
        String nextYear = plan("cron(0 3 * * ? 2027)", "{volumeTags: {backup: daily}}", "{count: 7}");

        assertThat(PolicyLoader.parse(nextYear, "policy.yaml", DECEMBER_7).section(SnapshotLifecyclePolicy.class)).isPresent();
        assertThatThrownBy(() -> PolicyLoader.parse(nextYear, "policy.yaml", Clock.fixed(Instant.parse("2028-01-01T00:00:00Z"), ZoneOffset.UTC)))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("cron(0 3 * * ? 2027) never fires again");
    }

    @Test
    void aYearlySchedule_loads() {
        assertThat(PolicyLoader.parse(plan("cron(0 0 1 1 ? *)", "{volumeTags: {backup: yearly}}", "{count: 7}"), "policy.yaml", DECEMBER_7)
                .section(SnapshotLifecyclePolicy.class).orElseThrow().plans().getFirst().schedule().expression()).isEqualTo("cron(0 0 1 1 ? *)");
    }

    @Test
    void aCronWithFiveFieldsIsAnErrorNamingTheSixEventBridgeFields() {
        PolicyError error = onlyError(plan("cron(0 3 * * ?)", "{volumeTags: {backup: daily}}", "{count: 7}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].schedule");
        assertThat(error.line()).isEqualTo(6);
        assertThat(error.problem()).contains("6 fields", "minutes hours day-of-month month day-of-week year", "got 5");
    }

    @Test
    void aCronGivingBothDayOfMonthAndDayOfWeekIsAnErrorAskingForAQuestionMark() {
        PolicyError error = onlyError(plan("cron(0 3 1 * MON *)", "{volumeTags: {backup: daily}}", "{count: 7}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].schedule");
        assertThat(error.line()).isEqualTo(6);
        assertThat(error.problem()).contains("day-of-month", "day-of-week", "?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 hours)", "rate(5 hour)", "rate(1 days)", "rate(2 minute)"})
    void aRateWhoseUnitDisagreesWithItsNumberIsAnError_asEventBridgeRefusesIt(String rate) {
        PolicyError error = onlyError(plan(rate, "{volumeTags: {backup: daily}}", "{count: 7}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].schedule");
        assertThat(error.line()).isEqualTo(6);
        assertThat(error.problem()).contains("rate(1 hour)", "rate(5 hours)", rate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 hour)", "rate(5 hours)", "rate(1 minute)", "rate(15 minutes)", "rate(1 day)", "rate(7 days)"})
    void aRateWrittenAsEventBridgeWritesItIsAccepted(String rate) {
        assertThat(section("""
                plans:
                  - name: p
                    schedule: %s
                    select: {volumeTags: {backup: daily}}
                    retain: {count: 7}
                """.formatted(rate)).plans().getFirst().schedule().expression()).isEqualTo(rate);
    }

    @Test
    void anUnknownTimezoneIsAnErrorAtTheTimezoneOnly() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: cron(0 3 * * ? *)
                      timezone: Mars/Olympus_Mons
                      select: {volumeTags: {backup: daily}}
                      retain: {count: 7}
                """)).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[0].timezone", 7));
    }

    @Test
    void selectingByVolumeTagsAndInstanceTagsAtOnceIsAnError() {
        PolicyError error = onlyError(plan("cron(0 3 * * ? *)", "{volumeTags: {backup: daily}, instanceTags: {role: db}}", "{count: 7}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].select");
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.problem()).contains("not both");
    }

    @Test
    void aSelectionWithNeitherVolumeTagsNorInstanceTagsIsAnError() {
        PolicyError error = onlyError(plan("cron(0 3 * * ? *)", "{}", "{count: 7}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].select");
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.problem()).contains("volumeTags", "instanceTags");
    }

    @Test
    void aPlanWithoutSelectIsAnErrorAtThePlan() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: cron(0 3 * * ? *)
                      retain: {count: 7}
                """)).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[0].select", 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"volumeTags", "instanceTags"})
    void anEmptyTagMapIsAnError_itWouldSelectEverything(String by) {
        PolicyError error = onlyError(plan("cron(0 3 * * ? *)", "{" + by + ": {}}", "{count: 7}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].select." + by);
        assertThat(error.line()).isEqualTo(7);
    }

    @Test
    void excludeRootVolumeWithVolumeTagsIsAnError() {
        PolicyError error = onlyError(plan("cron(0 3 * * ? *)", "{volumeTags: {backup: daily}, excludeRootVolume: true}", "{count: 7}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].select.excludeRootVolume");
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.problem()).contains("instanceTags");
    }

    @Test
    void aRetentionThatKeepsNothingIsAnError() {
        PolicyError error = onlyError(plan("cron(0 3 * * ? *)", "{volumeTags: {backup: daily}}", "{}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].retain");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("count", "maxAge", "daily", "weekly", "monthly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0d", "0h", "30m", "-1d", "a month"})
    void aMaxAgeThatIsNotAPositiveNumberOfHoursDaysOrWeeksIsAnError(String age) {
        PolicyError error = onlyError(plan("cron(0 3 * * ? *)", "{volumeTags: {backup: daily}}", "{maxAge: \"" + age + "\"}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].retain.maxAge");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("\"" + age + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"count", "daily", "weekly", "monthly"})
    void aCountOfZeroIsAnError(String rule) {
        PolicyError error = onlyError(plan("cron(0 3 * * ? *)", "{volumeTags: {backup: daily}}", "{" + rule + ": 0}"));

        assertThat(error.field()).isEqualTo("snapshotLifecycle.plans[0].retain." + rule);
    }

    @Test
    void twoPlansWithOneNameIsAnErrorAtTheSecond() {
        assertThat(errorsOf("version: 1\ncloud: aws\nsnapshotLifecycle:\n  plans:\n" + DAILY_PLAN + DAILY_PLAN))
                .extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[1].name", 9));
    }

    @Test
    void aDuplicateNameIsReportedEvenWhenAnotherPlanHasAnErrorOfItsOwn() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: cron(0 3 * * ? *)
                      select: {volumeTags: {backup: daily}}
                      retain: {maxAge: "0d"}
                    - name: daily
                      schedule: cron(0 4 * * ? *)
                      select: {volumeTags: {backup: hourly}}
                      retain: {count: 7}
                """)).extracting(PolicyError::field, PolicyError::line).containsExactlyInAnyOrder(
                tuple("snapshotLifecycle.plans[0].retain.maxAge", 8),
                tuple("snapshotLifecycle.plans[1].name", 9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-daily", "daily backups", "nightly/db", "\"\"",
            "a123456789b123456789c123456789d123456789e123456789f123456789g123"}) // 64 characters
    void aPlanNameThatCannotBeATagValueOfItsOwnIsAnError(String name) {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: %s
                      schedule: cron(0 3 * * ? *)
                      select: {volumeTags: {backup: daily}}
                      retain: {count: 7}
                """.formatted(name))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[0].name", 5));
    }

    @Test
    void aCopyRegionThatIsNotAnAwsRegionIsAnError() {
        assertThat(errorsOf(withCopies("""
                        - region: moon-1
                """))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[0].copies[0].region", 10));
    }

    @Test
    void aCopyRegionListedTwiceIsAnErrorAtTheSecond() {
        assertThat(errorsOf(withCopies("""
                        - region: us-west-2
                        - region: us-west-2
                          kmsKeyId: alias/dr
                """))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[0].copies[1].region", 11));
    }

    @Test
    void copyTagsNamingCloudwardensOwnTagsOrAwsReservedTagsAreErrorsAtEachEntry() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: cron(0 3 * * ? *)
                      select: {volumeTags: {backup: daily}}
                      copyTags:
                        - team
                        - cloudwarden:window
                        - aws:cloudformation:stack-name
                      retain: {count: 7}
                """)).extracting(PolicyError::field, PolicyError::line).containsExactlyInAnyOrder(
                tuple("snapshotLifecycle.plans[0].copyTags[1]", 10),
                tuple("snapshotLifecycle.plans[0].copyTags[2]", 11));
    }

    @Test
    void copyTagsWithTheWildcardAndOtherKeysIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: cron(0 3 * * ? *)
                      select: {volumeTags: {backup: daily}}
                      copyTags: ["*", team]
                      retain: {count: 7}
                """)).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[0].copyTags", 8));
    }

    @Test
    void aPlanNameOf63CharactersIsAccepted() {
        String name = "a123456789b123456789c123456789d123456789e123456789f123456789g12";

        assertThat(section("""
                plans:
                  - name: %s
                    schedule: cron(0 3 * * ? *)
                    select: {volumeTags: {backup: daily}}
                    retain: {count: 7}
                """.formatted(name)).plans().getFirst().name()).isEqualTo(name);
    }

    @Test
    void aProtectTagWithTheReservedAwsPrefixIsAnError() {
        assertThat(errorsOf("version: 1\ncloud: aws\nsnapshotLifecycle:\n  plans:\n" + DAILY_PLAN + "  protectTag: aws:backup\n"))
                .extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.protectTag", 9));
    }

    @Test
    void aKmsKeyIdMustNotBeEmpty() {
        assertThat(errorsOf(withCopies("""
                        - region: us-west-2
                          kmsKeyId: ""
                """))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.plans[0].copies[0].kmsKeyId", 11));
    }

    @Test
    void anUnknownFieldInAPlanIsAnErrorListingThePlansFields() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: cron(0 3 * * ? *)
                      select: {volumeTags: {backup: daily}}
                      retian: {count: 7}
                """)).extracting(PolicyError::field, PolicyError::line).contains(
                tuple("snapshotLifecycle.plans[0].retian", 8));
    }

    @Test
    void aMaxPercentAbove100IsAnError() {
        assertThat(errorsOf("version: 1\ncloud: aws\nsnapshotLifecycle:\n  plans:\n" + DAILY_PLAN + "  blastRadius: {maxPercent: 101}\n"))
                .extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("snapshotLifecycle.blastRadius.maxPercent", 9));
    }

    @Test
    void everyErrorOfTheSectionIsCollectedInOneException() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: rate(1 hours)
                      select: {volumeTags: {}}
                      copyTags: [aws:createdBy]
                      retain: {maxAge: "30"}
                      copies:
                        - region: moon-1
                    - name: sets
                      schedule: cron(0 3 * * ?)
                      timezone: Nowhere/Atlantis
                      select: {instanceTags: {role: db}}
                      retain: {count: 3}
                  blastRadius: {maxPercent: 150}
                """)).extracting(PolicyError::field, PolicyError::line).containsExactlyInAnyOrder(
                tuple("snapshotLifecycle.plans[0].schedule", 6),
                tuple("snapshotLifecycle.plans[0].select.volumeTags", 7),
                tuple("snapshotLifecycle.plans[0].copyTags[0]", 8),
                tuple("snapshotLifecycle.plans[0].retain.maxAge", 9),
                tuple("snapshotLifecycle.plans[0].copies[0].region", 11),
                tuple("snapshotLifecycle.plans[1].timezone", 14),
                tuple("snapshotLifecycle.blastRadius.maxPercent", 17));
    }

    /** A document with one plan, {@code schedule} on line 6, {@code select} on line 7 and {@code retain} on line 8. */
    private static String plan(String schedule, String select, String retain) {
        return """
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: %s
                      select: %s
                      retain: %s
                """.formatted(schedule, select, retain);
    }

    /** The daily plan with {@code copies:} on line 9 and these entries from line 10. */
    private static String withCopies(String entries) {
        return """
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: daily
                      schedule: cron(0 3 * * ? *)
                      select: {volumeTags: {backup: daily}}
                      retain: {count: 7}
                      copies:
                """ + entries;
    }

    private static SnapshotLifecyclePolicy section(String sectionBody) {
        return PolicyLoader.parse("version: 1\ncloud: aws\nsnapshotLifecycle:\n" + sectionBody.indent(2), "policy.yaml")
                .section(SnapshotLifecyclePolicy.class).orElseThrow();
    }

    private static PolicyError onlyError(String text) {
        List<PolicyError> errors = errorsOf(text);
        assertThat(errors).as("errors of\n" + text).hasSize(1);
        return errors.getFirst();
    }

    private static List<PolicyError> errorsOf(String text) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.parse(text, "policy.yaml"));
        assertThat(e).as("the policy is refused").isNotNull();
        return e.errors();
    }
}
