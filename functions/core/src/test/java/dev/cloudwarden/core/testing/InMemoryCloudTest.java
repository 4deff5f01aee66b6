package dev.cloudwarden.core.testing;

import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static dev.cloudwarden.core.testing.Firewalls.ruleIds;
import static dev.cloudwarden.core.testing.PatchPolicies.content;
import static dev.cloudwarden.core.testing.PatchPolicies.managed;
import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.instance;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FirewallOps.RevokeResult;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchOps.BaselineSummary;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.Peer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The test double keeps FirewallOps', SnapshotOps' and PatchOps' contracts, so what the engine's tests show holds
 * against a real cloud.
 */
class InMemoryCloudTest {
    private final InMemoryCloud cloud = InMemoryCloud.holding(group("sg-web").rules(
            rule("sgr-ssh").tcp(22).from(ANYWHERE),
            rule("sgr-https").tcp(443).from(ANYWHERE),
            rule("sgr-out").egress().protocol("-1").from(ANYWHERE)).build());

    @Test
    void revokeRemovesTheNamedIngressRulesAndReportsTheOnesAlreadyGone() {
        RevokeResult result = cloud.revokeIngress("sg-web", Set.of("sgr-ssh", "sgr-gone", "sgr-out"));

        assertThat(result).isEqualTo(new RevokeResult(Set.of("sgr-ssh"), Set.of("sgr-gone", "sgr-out")));
        assertThat(ruleIds(cloud.group("sg-web"))).containsExactly("sgr-https", "sgr-out");
    }

    @Test
    void narrowReplacesTheSourcesAndKeepsProtocolAndPorts() {
        FirewallRule ssh = cloud.group("sg-web").rules().getFirst();

        cloud.narrowIngress("sg-web", ssh, List.of(Peer.Cidr.of("10.0.0.0/8")));

        assertThat(ruleIds(cloud.group("sg-web"))).containsExactly("sgr-https", "sgr-out", "narrowed-sgr-ssh");
        FirewallRule narrowed = cloud.group("sg-web").rules().getLast();
        assertThat(narrowed.protocol()).isEqualTo(ssh.protocol());
        assertThat(narrowed.ports()).containsExactly(PortRange.single(22));
        assertThat(narrowed.sources()).containsExactly(Peer.Cidr.of("10.0.0.0/8"));
    }

    @Test
    void changingAGroupThatDoesNotExistIsNotFound() {
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.revokeIngress("sg-gone", Set.of("sgr-ssh")))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND))
                .withMessageContaining("no group sg-gone");
    }

    @Test
    void anInjectedFailureFailsTheNextCallOnlyAndIsCounted() {
        CloudException failure = cloud.failNext(InMemoryCloud.LIST_GROUPS, CloudException.Kind.THROTTLED);

        assertThatExceptionOfType(CloudException.class).isThrownBy(cloud::listGroups).isSameAs(failure);
        assertThat(cloud.listGroups()).hasSize(1);
        assertThat(cloud.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_GROUPS, 2L));
    }

    @Test
    void findGroupAnswersEmptyForAGroupThatDoesNotExist() {
        assertThat(cloud.findGroup("sg-gone")).isEmpty();
        assertThat(cloud.findGroup("sg-web")).contains(cloud.group("sg-web"));
    }

    @Test
    void aSnapshotIsTaggedInTheCallThatMakesItAndStartsAtTheCloudsTime() {
        cloud.put(disk("vol-a").build());
        cloud.clockAt(Instant.parse("2026-11-30T03:00:07Z"));

        Snapshot made = cloud.createSnapshot(disk("vol-a").build(), Map.of("cloudwarden:plan", "daily"), "nightly");

        assertThat(made.id()).isEqualTo("snap-1");
        assertThat(made.diskId()).isEqualTo("vol-a");
        assertThat(made.state()).isEqualTo(Snapshot.State.COMPLETED);
        assertThat(made.startedAt()).isEqualTo(Instant.parse("2026-11-30T03:00:07Z"));
        assertThat(cloud.snapshot(Firewalls.REGION, "snap-1").tags().values()).isEqualTo(Map.of("cloudwarden:plan", "daily"));
    }

    @Test
    void aSetTakesEveryAttachedDiskAndTheBootDiskOnlyWhenAsked() {
        cloud.put(instance("i-db").boot("vol-root").disks("vol-data").build());

        List<Snapshot> withoutBoot = cloud.createSnapshotSet(instance("i-db").build(), false, Map.of("k", "v"), "");
        List<Snapshot> withBoot = cloud.createSnapshotSet(instance("i-db").build(), true, Map.of("k", "v"), "");

        assertThat(withoutBoot).extracting(Snapshot::diskId).containsExactly("vol-data");
        assertThat(withBoot).extracting(Snapshot::diskId).containsExactly("vol-root", "vol-data");
    }

    @Test
    void aCopyLivesInItsRegionWithItsTagsAndRemembersItsKey_andOnlyACompletedSnapshotCanBeCopied() {
        cloud.put(snapshot("snap-done").of("vol-a").build());
        cloud.put(snapshot("snap-busy").of("vol-a").pending().build());

        Snapshot copy = cloud.copySnapshot(cloud.snapshot(Firewalls.REGION, "snap-done"), "us-west-2", Optional.of("alias/dr"),
                Map.of("cloudwarden:copy-of", "snap-done"), "dr");

        assertThat(cloud.snapshotIdsIn("us-west-2")).containsExactly(copy.id());
        assertThat(copy.tags().values()).isEqualTo(Map.of("cloudwarden:copy-of", "snap-done"));
        assertThat(cloud.encryptionKeyOf("us-west-2", copy.id())).contains("alias/dr");
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.copySnapshot(
                        cloud.snapshot(Firewalls.REGION, "snap-busy"), "us-west-2", Optional.empty(), Map.of(), ""))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.INVALID));
    }

    @Test
    void deleteAnswersFalseForASnapshotAlreadyGoneAndIsAConflictWhileAnImageUsesIt() {
        cloud.put(snapshot("snap-ami").of("vol-a").build());
        cloud.registerImage(Firewalls.REGION, "snap-ami", "ami-1");

        assertThat(cloud.deleteSnapshot(Firewalls.REGION, "snap-gone")).isFalse();
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.deleteSnapshot(Firewalls.REGION, "snap-ami"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT));
        assertThat(cloud.snapshotIdsIn(Firewalls.REGION)).containsExactly("snap-ami");
    }

    @Test
    void listSnapshotsAnswersOnlyTheRegionsSnapshotsCarryingTheKey() {
        cloud.put(snapshot("snap-ours").of("vol-a").plan("daily").build());
        cloud.put(snapshot("snap-manual").of("vol-a").build());
        cloud.put(snapshot("snap-dr").in("us-west-2").plan("daily").volume("vol-a").build());

        assertThat(cloud.listSnapshots(Firewalls.REGION, "cloudwarden:plan")).extracting(Snapshot::id).containsExactly("snap-ours");
        assertThat(cloud.listSnapshots("us-west-2", "cloudwarden:plan")).extracting(Snapshot::id).containsExactly("snap-dr");
    }

    @Test
    void tagSnapshotsMergesTagsAndFailsOnlyTheSnapshotsMadeToFail() {
        cloud.put(snapshot("snap-a").of("vol-a").tag("team", "web").build());
        cloud.put(snapshot("snap-b").of("vol-b").build());
        cloud.failWritesTo("snap-b");

        var result = cloud.tagSnapshots(Firewalls.REGION, List.of("snap-a", "snap-b"), Map.of("env", "prod"));

        assertThat(result.failed()).containsOnlyKeys("snap-b");
        assertThat(cloud.snapshot(Firewalls.REGION, "snap-a").tags().values()).isEqualTo(Map.of("team", "web", "env", "prod"));
        assertThat(cloud.snapshot(Firewalls.REGION, "snap-b").tags().values()).isEmpty();
    }

    @Test
    void aLostAnswerLeavesTheSnapshotMadeAndThrowsUnavailable() {
        cloud.put(disk("vol-a").build());
        cloud.loseAnswerOfNext(InMemoryCloud.CREATE_SNAPSHOT);

        assertThatExceptionOfType(CloudException.class)
                .isThrownBy(() -> cloud.createSnapshot(disk("vol-a").build(), Map.of("cloudwarden:plan", "daily"), ""))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE));
        assertThat(cloud.snapshotIdsIn(Firewalls.REGION)).containsExactly("snap-1");
        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
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
    void scansAreRecordedWithTheirRatesAndTakeAtMostFiftyInstances() {
        List<String> fiftyOne = java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "i-" + i).toList();

        assertThat(cloud.startScan(List.of("i-1", "i-2"), "10", "0")).isEqualTo("cmd-1");
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.startScan(fiftyOne, "10", "0"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.INVALID));
        assertThat(cloud.scans()).containsExactly(new InMemoryCloud.ScanCommand("cmd-1", List.of("i-1", "i-2"), "10", "0"));
    }
}
