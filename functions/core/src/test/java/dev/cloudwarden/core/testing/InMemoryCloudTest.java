package dev.cloudwarden.core.testing;

import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static dev.cloudwarden.core.testing.Firewalls.ruleIds;
import static dev.cloudwarden.core.testing.PatchPolicies.content;
import static dev.cloudwarden.core.testing.PatchPolicies.managed;
import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchBaselineOps.BaselineSummary;
import dev.cloudwarden.api.Rate;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.Peer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory cloud does beyond the provider contracts, which it keeps as every cloud's provider does
 * ({@code InMemory*OpsTest}): the ids it gives, its injected failures and lost answers, and SSM Patch Manager's
 * baselines as the patch-baselines operation's tests need them.
 */
class InMemoryCloudTest {
    private final InMemoryCloud cloud = InMemoryCloud.holding(group("sg-web").rules(
            rule("sgr-ssh").tcp(22).from(ANYWHERE),
            rule("sgr-https").tcp(443).from(ANYWHERE),
            rule("sgr-out").egress().protocol("-1").from(ANYWHERE)).build());

    @Test
    void aNarrowedRuleTakesTheOldOnesIdPrefixedWithNarrowed_andComesLast() {
        FirewallRule ssh = cloud.group("sg-web").rules().getFirst();

        cloud.narrowIngress("sg-web", ssh, List.of(Peer.Cidr.of("10.0.0.0/8")));

        assertThat(ruleIds(cloud.group("sg-web"))).containsExactly("sgr-https", "sgr-out", "narrowed-sgr-ssh");
        assertThat(cloud.group("sg-web").rules().getLast().sources()).containsExactly(Peer.Cidr.of("10.0.0.0/8"));
    }

    @Test
    void anInjectedFailureFailsTheNextCallOnlyAndIsCounted() {
        CloudException failure = cloud.failNext(InMemoryCloud.LIST_GROUPS, CloudException.Kind.THROTTLED);

        assertThatExceptionOfType(CloudException.class).isThrownBy(cloud::listGroups).isSameAs(failure);
        assertThat(cloud.listGroups()).hasSize(1);
        assertThat(cloud.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_GROUPS, 2L));
    }

    @Test
    void snapshotsAreNumberedSnap1Snap2_startAtTheCloudsTime_andCompleteAtOnceUnlessToldPending() {
        cloud.put(disk("vol-a").build());
        cloud.clockAt(Instant.parse("2026-11-30T03:00:07Z"));

        Snapshot made = cloud.createSnapshot(disk("vol-a").build(), Map.of("cloudwarden:plan", "daily"), "nightly");
        cloud.startNewSnapshotsAs(Snapshot.State.PENDING);
        Snapshot next = cloud.createSnapshot(disk("vol-a").build(), Map.of(), "");

        assertThat(made.id()).isEqualTo("snap-1");
        assertThat(made.state()).isEqualTo(Snapshot.State.COMPLETED);
        assertThat(made.startedAt()).isEqualTo(Instant.parse("2026-11-30T03:00:07Z"));
        assertThat(next.id()).isEqualTo("snap-2");
        assertThat(next.state()).isEqualTo(Snapshot.State.PENDING);
    }

    @Test
    void aCopyRemembersItsKey_andOnlyACompletedSnapshotCanBeCopied() {
        cloud.put(snapshot("snap-done").of("vol-a").build());
        cloud.put(snapshot("snap-busy").of("vol-a").pending().build());

        Snapshot copy = cloud.copySnapshot(cloud.snapshot(Firewalls.REGION, "snap-done"), "us-west-2", Optional.of("alias/dr"),
                Map.of("cloudwarden:copy-of", "snap-done"), "dr");

        assertThat(copy.diskId()).as("as EBS records no volume for a copy").isEmpty();
        assertThat(cloud.encryptionKeyOf("us-west-2", copy.id())).contains("alias/dr");
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.copySnapshot(
                        cloud.snapshot(Firewalls.REGION, "snap-busy"), "us-west-2", Optional.empty(), Map.of(), ""))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.INVALID));
    }

    @Test
    void deleteIsAConflictWhileAnImageUsesTheSnapshot() {
        cloud.put(snapshot("snap-ami").of("vol-a").build());
        cloud.registerImage(Firewalls.REGION, "snap-ami", "ami-1");

        assertThat(cloud.imageSnapshots(Firewalls.REGION)).containsExactly(Map.entry("snap-ami", "ami-1"));
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.deleteSnapshot(Firewalls.REGION, "snap-ami"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT));
        assertThat(cloud.snapshotIdsIn(Firewalls.REGION)).containsExactly("snap-ami");
    }

    @Test
    void tagSnapshotsFailsOnlyTheSnapshotsMadeToFail() {
        cloud.put(snapshot("snap-a").of("vol-a").tag("team", "web").build());
        cloud.put(snapshot("snap-b").of("vol-b").build());
        cloud.failWritesTo("snap-b");

        var result = cloud.tagSnapshots(Firewalls.REGION, List.of("snap-a", "snap-b"), Map.of("env", "prod"));

        assertThat(result.failed()).containsOnlyKeys("snap-b");
        assertThat(cloud.snapshot(Firewalls.REGION, "snap-a").tags().values()).isEqualTo(Map.of("team", "web", "env", "prod"));
        assertThat(cloud.snapshot(Firewalls.REGION, "snap-b").tags().values()).isEmpty();
    }

    @Test
    void onlyTheNextAnswerIsLost_theCallAfterItIsAnswered() {
        cloud.put(disk("vol-a").build());
        cloud.loseAnswerOfNext(InMemoryCloud.CREATE_SNAPSHOT);

        assertThatExceptionOfType(CloudException.class)
                .isThrownBy(() -> cloud.createSnapshot(disk("vol-a").build(), Map.of("cloudwarden:plan", "daily"), ""))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE));
        Snapshot answered = cloud.createSnapshot(disk("vol-a").build(), Map.of("cloudwarden:plan", "daily"), "");

        assertThat(cloud.snapshotIdsIn(Firewalls.REGION)).containsExactly("snap-1", answered.id());
        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(2);
    }

    private static final PatchBaseline WEB = content("""
            name: web
            operatingSystem: AMAZON_LINUX_2023
            approvalRules: [{filters: {CLASSIFICATION: [Security]}, approveAfterDays: 7}]
            """);
    private static final PatchBaseline DB = content("""
            name: db-al2023
            operatingSystem: AMAZON_LINUX_2023
            approvedPatches: [kernel-6.1.0]
            """);
    private static final PatchBaseline WINDOWS = content("""
            name: win-2022
            operatingSystem: WINDOWS
            approvedPatches: [KB5031356]
            """);

    @Test
    void baselinesAreMadeAsPb1Pb2AndListedWithTheirGroupsAndWhetherTheyAreTheDefault() {
        String web = cloud.createBaseline(WEB);
        String db = cloud.createBaseline(DB);
        cloud.registerPatchGroup(web, "web");
        cloud.setDefaultBaseline(db);

        assertThat(List.of(web, db)).containsExactly("pb-1", "pb-2");
        assertThat(cloud.listBaselines()).containsExactly(new BaselineSummary("pb-1", "web", "AMAZON_LINUX_2023", false),
                new BaselineSummary("pb-2", "db-al2023", "AMAZON_LINUX_2023", true));
        assertThat(cloud.getBaseline("pb-1")).hasValueSatisfying(found -> {
            assertThat(found.content()).isEqualTo(WEB);
            assertThat(found.patchGroups()).containsExactly("web");
        });
        assertThat(cloud.getBaseline("pb-9")).isEmpty();
        assertThat(cloud.defaultBaseline("AMAZON_LINUX_2023")).isEqualTo("pb-2");
        assertThat(cloud.defaultBaseline("WINDOWS")).isEqualTo(cloud.awsDefaultBaseline("WINDOWS"))
                .startsWith("arn:aws:ssm:").endsWith(":patchbaseline/pb-aws-default-WINDOWS");
        assertThat(cloud.idOf(cloud.defaultBaseline("WINDOWS"))).as("the id it names").isEqualTo("pb-aws-default-WINDOWS");
        assertThat(cloud.idOf("pb-2")).isEqualTo("pb-2");
    }

    @Test
    void aPatchGroupHasOneBaselinePerOperatingSystem_aSecondOfTheSameIsAConflict() {
        String web = cloud.createBaseline(WEB);
        String db = cloud.createBaseline(DB);
        String win = cloud.createBaseline(WINDOWS);
        cloud.registerPatchGroup(web, "shared");

        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.registerPatchGroup(db, "shared"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT))
                .satisfies(e -> assertThat(e.nativeCode()).isEqualTo("AlreadyExistsException"));
        cloud.registerPatchGroup(win, "shared");
        cloud.registerPatchGroup(web, "shared");

        assertThat(cloud.patchGroupsOf(web)).containsExactly("shared");
        assertThat(cloud.patchGroupsOf(db)).isEmpty();
        assertThat(cloud.patchGroupsOf(win)).containsExactly("shared");
    }

    @Test
    void deregisteringARegistrationAlreadyGoneSucceedsAndLeavesOtherBaselinesAlone() {
        String web = cloud.createBaseline(WEB);
        String db = cloud.createBaseline(DB);
        cloud.registerPatchGroup(web, "web");

        cloud.deregisterPatchGroup(db, "web");
        cloud.deregisterPatchGroup(web, "web");
        cloud.deregisterPatchGroup(web, "web");

        assertThat(cloud.patchGroupsOf(web)).isEmpty();
        assertThat(cloud.calls(InMemoryCloud.DEREGISTER_PATCH_GROUP)).isEqualTo(3);
    }

    @Test
    void theAwsOwnedBaselineCanBeMadeTheDefaultAgainByItsArn() {
        cloud.setDefaultBaseline(cloud.createBaseline(WEB));

        cloud.setDefaultBaseline(cloud.awsDefaultBaseline("AMAZON_LINUX_2023"));

        assertThat(cloud.defaultBaseline("AMAZON_LINUX_2023")).isEqualTo(cloud.awsDefaultBaseline("AMAZON_LINUX_2023"));
        assertThat(cloud.listBaselines()).singleElement().satisfies(b -> assertThat(b.isDefault()).isFalse());
    }

    @Test
    void aBaselineDeletedOutsideTakesItsGroupsAndItsDefaultWithIt() {
        String web = cloud.createBaseline(WEB);
        cloud.registerPatchGroup(web, "web");
        cloud.setDefaultBaseline(web);

        cloud.deleteBaseline(web);

        assertThat(cloud.baselineIds()).isEmpty();
        assertThat(cloud.defaultOf("AMAZON_LINUX_2023")).isEqualTo(cloud.awsDefaultBaseline("AMAZON_LINUX_2023"));
        String again = cloud.createBaseline(WEB);
        cloud.registerPatchGroup(again, "web");
        assertThat(again).isEqualTo("pb-2");
    }

    @Test
    void changingABaselineThatDoesNotExistIsNotFound() {
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.updateBaseline("pb-9", WEB))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND));
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.registerPatchGroup("pb-9", "web"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND));
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.setDefaultBaseline("pb-9"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND));
    }

    @Test
    void aTagWrittenToAManagedInstanceIsOnItTheNextTimeInstancesAreListed() {
        cloud.put(managed("i-new").tag("team", "web").build());

        cloud.addTags(List.of(cloud.managedInstances().getFirst().resource()), Map.of("Patch Group", "web"));

        assertThat(cloud.managedInstances().getFirst().resource().tags().values())
                .isEqualTo(Map.of("team", "web", "Patch Group", "web"));
    }

    @Test
    void scansAreNumberedFromCmd1_andTakeAtMostFiftyInstances() {
        List<String> fiftyOne = java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "i-" + i).toList();

        assertThat(cloud.startScan(List.of("i-1", "i-2"), new Rate(10, false), new Rate(0, false))).isEqualTo("cmd-1");
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.startScan(fiftyOne, new Rate(10, false), new Rate(0, false)))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.INVALID));
        assertThat(cloud.scans()).containsExactly(new InMemoryCloud.ScanCommand("cmd-1", List.of("i-1", "i-2"), "10", "0"));
    }
}
