package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.snapshots.SnapshotEstates.DR;
import static dev.cloudwarden.core.snapshots.SnapshotEstates.PLAN;
import static dev.cloudwarden.core.snapshots.SnapshotEstates.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.snapshots.SnapshotEstates.Estate;
import dev.cloudwarden.core.testing.CloudState;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The snapshot lifecycle over generated estates ({@link SnapshotEstates}) and retentions that delete: a dry-run takes,
 * copies, tags and deletes nothing; and a real run never deletes more snapshots than the blast radius allows (only
 * deletions are limited), refuses the deletions of a plan beyond it while it still takes the window's snapshots, and is
 * refused exactly when its dry-run said it would be.
 */
class SnapshotLifecycleProperties {
    private static final List<String> REGIONS = List.of(REGION, DR);

    // ---- dry-run ----------------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aDryRunTakesCopiesTagsAndDeletesNothing_whetherTheRequestOrThePolicyAsksForIt(@ForAll("estates") Estate e,
                                                                                       @ForAll boolean byPolicy) {
        InMemoryCloud cloud = e.cloud();
        CloudState before = CloudState.of(cloud, REGIONS, List.of());
        var calls = cloud.apiCalls();

        RunReport report = run(cloud, e, e.policy(byPolicy), byPolicy ? e.request(false) : e.request(true));

        assertThat(report.dryRun()).isTrue();
        assertThat(CloudState.writesSince(cloud, calls)).as("calls that write").isEmpty();
        assertThat(CloudState.of(cloud, REGIONS, List.of())).isEqualTo(before);
        Statistics.label("the plan deletes something").collect(planned(report, SnapshotAction.DELETE) > 0);
        Statistics.label("the plan deletes something").coverage(check -> check.check(true).percentage(p -> p >= 40));
    }

    // ---- blast radius -----------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void theBlastRadiusIsNeverExceeded_deletionsBeyondItAreRefused_theWindowsSnapshotsStillTaken(@ForAll("limited") Estate e) {
        InMemoryCloud cloud = e.cloud();
        Policy policy = e.policy(false);
        int maxDeletions = policy.section(SnapshotLifecyclePolicy.class).orElseThrow().blastRadius().maxChanges();
        RunReport dry = run(cloud, e, policy, e.request(true));
        long plannedDeletions = planned(dry, SnapshotAction.DELETE);
        long plannedTakes = planned(dry, SnapshotAction.CREATE);
        // the snapshots the plan manages: those carrying its name, here and in its copy region (when it has one)
        long managed = e.snapshots().stream().filter(s -> s.tags().get(SnapshotTags.PLAN).orElse("").equals(PLAN))
                .filter(s -> s.region().equals(REGION) || e.copies() && s.region().equals(DR)).count();
        boolean beyond = plannedDeletions > maxDeletions
                || e.sweep() && e.maxPercent().isPresent() && plannedDeletions * 100 > (long) e.maxPercent().getAsInt() * managed;
        CloudState before = CloudState.of(cloud, REGIONS, List.of());
        var calls = cloud.apiCalls();

        RunReport real = run(cloud, e, policy, e.request(false));

        CloudState after = CloudState.of(cloud, REGIONS, List.of());
        long deleted = ids(before).stream().filter(id -> !ids(after).contains(id)).count();
        assertThat(deleted).as("snapshots deleted, limit maxChanges %s", maxDeletions).isLessThanOrEqualTo(maxDeletions);
        if (e.sweep() && e.maxPercent().isPresent()) {
            assertThat(deleted * 100).as("percent of the %s snapshots the plan manages deleted, limit maxPercent %s", managed,
                    e.maxPercent().getAsInt()).isLessThanOrEqualTo((long) e.maxPercent().getAsInt() * managed);
        }
        long taken = cloud.apiCalls().since(calls).byOperation().getOrDefault(InMemoryCloud.CREATE_SNAPSHOT, 0L);
        assertThat(taken).as("the window's snapshots are taken whatever the verdict on deletions").isEqualTo(plannedTakes);
        List<Finding> dryDeletions = dry.findings().stream()
                .filter(f -> f.action().status() == Status.PLANNED && f.action().kind().equals(SnapshotAction.DELETE)).toList();
        if (beyond) {
            assertThat(real.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).as("deletions").isZero();
            assertThat(deleted).isZero();
            assertThat(dryDeletions).allSatisfy(f -> assertThat(f.action().reason())
                    .startsWith("dry-run: the real run would refuse the deletions"));
        } else {
            assertThat(real.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(dryDeletions).noneSatisfy(f -> assertThat(f.action().reason()).contains("would refuse"));
        }
        Statistics.label("verdict").collect(plannedDeletions == 0 ? "nothing to delete" : beyond ? "refused" : "deleted");
        Statistics.label("verdict").coverage(check -> {
            check.check("refused").percentage(p -> p >= 10);
            check.check("deleted").percentage(p -> p >= 10);
        });
        Statistics.label("the refused run also takes snapshots").collect(beyond && plannedTakes > 0);
        Statistics.label("the refused run also takes snapshots").coverage(check -> check.check(true).percentage(p -> p >= 5));
    }

    static RunReport run(InMemoryCloud cloud, Estate e, Policy policy, RunRequest request) {
        RunReport report = new SnapshotLifecycle(cloud, policy.section(SnapshotLifecyclePolicy.class).orElseThrow(), policy.dryRun(),
                Clock.fixed(e.now(), ZoneOffset.UTC)).run(request);
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** The planned actions of a kind: one per planned finding. */
    private static long planned(RunReport report, String kind) {
        return report.findings().stream().filter(f -> f.action().status() == Status.PLANNED && f.action().kind().equals(kind)).count();
    }

    private static Set<String> ids(CloudState state) {
        return state.snapshotsByRegion().values().stream().flatMap(List::stream).map(s -> s.region() + "/" + s.id())
                .collect(Collectors.toSet());
    }

    @Provide
    Arbitrary<Estate> estates() {
        return SnapshotEstates.estates(false, true);
    }

    @Provide
    Arbitrary<Estate> limited() {
        return SnapshotEstates.estates(true, true);
    }
}
