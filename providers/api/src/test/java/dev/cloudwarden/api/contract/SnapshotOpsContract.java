package dev.cloudwarden.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.api.contract.DiskEstate.SeededInstance;
import dev.cloudwarden.api.contract.DiskEstate.SnapshotWrite;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link SnapshotOps} must do on every cloud: read disks, machines and snapshots in the home region and another,
 * make snapshots (one, or a machine's set, or a copy elsewhere) carrying their tags from the call that makes them,
 * never send such a call twice, and delete and tag so that a retried run converges. A cloud's test extends it and says
 * how to make disks and snapshots there ({@link DiskEstate}) and how to connect its provider.
 *
 * <p>Tag keys are lowercase words with hyphens, which every cloud's tags and labels accept.
 */
public abstract class SnapshotOpsContract {
    private static final String PLAN = "backup-plan";

    private DiskEstate estate;
    private CloudProvider provider;
    private SnapshotOps snapshots;
    private String home;
    private String other;

    /** The estate this test seeds; made before the provider, closed after it. */
    protected abstract DiskEstate createEstate();

    /** A provider of the estate's cloud, in its home region, offering snapshots. */
    protected abstract CloudProvider createProvider();

    @BeforeEach
    final void connectSnapshotContract() {
        estate = createEstate();
        provider = createProvider();
        snapshots = provider.snapshots().orElseThrow(() -> new AssertionError(provider.cloud() + " offers no snapshots"));
        home = provider.region();
        other = estate.otherRegion();
        assertThat(other).as("the estate's other region").isNotEqualTo(home);
    }

    @AfterEach
    final void disconnectSnapshotContract() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    protected final DiskEstate estate() {
        return estate;
    }

    protected final CloudProvider provider() {
        return provider;
    }

    protected final SnapshotOps snapshots() {
        return snapshots;
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    @Test
    void listDisks_findsEverySeededDisk_withItsTags_andWhatItIsAttachedTo() {
        String untagged = estate.disk(Map.of());
        String tagged = estate.disk(Map.of(PLAN, "daily", "team", "web"));
        SeededInstance machine = estate.instance(Map.of(), 1);

        Map<String, Disk> disks = byId(snapshots.listDisks(), Disk::id);

        assertThat(disks).containsKeys(untagged, tagged, machine.bootDiskId(), machine.dataDiskIds().getFirst());
        assertThat(disks.get(untagged)).satisfies(disk -> {
            assertThat(disk.resource().cloud()).isEqualTo(provider.cloud());
            assertThat(disk.resource().region()).isEqualTo(home);
            assertThat(disk.resource().tags().values()).isEmpty();
            assertThat(disk.attachedTo()).isEmpty();
        });
        assertThat(disks.get(tagged).resource().tags().values()).isEqualTo(Map.of(PLAN, "daily", "team", "web"));
        assertThat(disks.get(machine.bootDiskId()).attachedTo()).containsExactly(machine.id());
        assertThat(disks.get(machine.dataDiskIds().getFirst()).attachedTo()).containsExactly(machine.id());
    }

    @Test
    void findDisks_answersTheNamedDisks_leavingOutOnesThatNoLongerExist() {
        String kept = estate.disk(Map.of(PLAN, "daily"));
        String gone = estate.disk(Map.of());
        estate.disk(Map.of(PLAN, "daily")); // not asked for
        estate.deleteDisk(gone);

        List<Disk> found = snapshots.findDisks(List.of(kept, gone));

        assertThat(found).extracting(Disk::id).containsExactly(kept);
        assertThat(found.getFirst().resource().tags().values()).isEqualTo(Map.of(PLAN, "daily"));
        assertThat(snapshots.findDisks(List.of())).isEmpty();
    }

    @Test
    void listInstances_selectsByTagValueOrAnyValue_withTheirBootAndDataDisks() {
        SeededInstance daily = estate.instance(Map.of(PLAN, "daily", "team", "web"), 2);
        SeededInstance weekly = estate.instance(Map.of(PLAN, "weekly"), 0);
        SeededInstance untagged = estate.instance(Map.of(), 0);

        Map<String, Instance> byDaily = byId(snapshots.listInstances(Map.of(PLAN, "daily")), Instance::id);
        List<Instance> anyPlan = snapshots.listInstances(Map.of(PLAN, "*"));
        List<Instance> planAndTeam = snapshots.listInstances(Map.of(PLAN, "*", "team", "web"));
        List<Instance> all = snapshots.listInstances(Map.of());

        assertThat(byDaily).containsOnlyKeys(daily.id());
        assertThat(byDaily.get(daily.id())).satisfies(machine -> {
            assertThat(machine.resource().cloud()).isEqualTo(provider.cloud());
            assertThat(machine.resource().region()).isEqualTo(home);
            assertThat(machine.resource().tags().values()).isEqualTo(Map.of(PLAN, "daily", "team", "web"));
            assertThat(machine.bootDiskId()).isEqualTo(daily.bootDiskId());
            assertThat(machine.diskIds()).containsExactlyInAnyOrder(daily.bootDiskId(), daily.dataDiskIds().get(0),
                    daily.dataDiskIds().get(1));
        });
        assertThat(anyPlan).extracting(Instance::id).containsExactlyInAnyOrder(daily.id(), weekly.id());
        assertThat(planAndTeam).extracting(Instance::id).containsExactly(daily.id());
        assertThat(all).extracting(Instance::id).containsExactlyInAnyOrder(daily.id(), weekly.id(), untagged.id());
        assertThat(byId(all, Instance::id).get(untagged.id()).diskIds()).containsExactly(untagged.bootDiskId());
    }

    @Test
    void listSnapshots_answersTheRegionsSnapshotsCarryingTheKey_whateverItsValue() {
        String daily = estate.snapshot(home, Map.of(PLAN, "daily"), "daily");
        String emptyValue = estate.snapshot(home, Map.of(PLAN, ""), "empty value");
        estate.snapshot(home, Map.of(), "untagged");
        estate.snapshot(home, Map.of("backup", "daily"), "another key");
        String elsewhere = estate.snapshot(other, Map.of(PLAN, "weekly"), "in the other region");

        Map<String, Snapshot> atHome = byId(snapshots.listSnapshots(home, PLAN), Snapshot::id);
        List<Snapshot> inOther = snapshots.listSnapshots(other, PLAN);

        assertThat(atHome).containsOnlyKeys(daily, emptyValue);
        assertThat(atHome.get(daily)).satisfies(snapshot -> {
            assertThat(snapshot.resource().cloud()).isEqualTo(provider.cloud());
            assertThat(snapshot.region()).isEqualTo(home);
            assertThat(snapshot.tags().values()).isEqualTo(Map.of(PLAN, "daily"));
            assertThat(snapshot.description()).isEqualTo("daily");
            assertThat(snapshot.state()).isEqualTo(Snapshot.State.COMPLETED);
        });
        assertThat(inOther).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.id()).isEqualTo(elsewhere);
            assertThat(snapshot.region()).isEqualTo(other);
        });
    }

    @Test
    void listSnapshots_answersEachOnce_howeverManyPagesTheCloudAnswersIn() {
        Set<String> seeded = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            seeded.add(estate.snapshot(home, Map.of(PLAN, "daily"), "snapshot " + i));
        }

        List<Snapshot> listed = snapshots.listSnapshots(home, PLAN);

        assertThat(listed).extracting(Snapshot::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(seeded);
        assertThat(snapshots.findSnapshots(home, seeded)).extracting(Snapshot::id).containsExactlyInAnyOrderElementsOf(seeded);
    }

    @Test
    void findSnapshots_answersTheNamedSnapshotsOfTheRegion_leavingOutGoneOnesAndOnesElsewhere() {
        String kept = estate.snapshot(home, Map.of(PLAN, "daily"), "kept");
        String gone = estate.snapshot(home, Map.of(PLAN, "daily"), "gone");
        estate.deleteSnapshot(home, gone);
        String elsewhere = estate.snapshot(other, Map.of(), "in the other region");

        assertThat(snapshots.findSnapshots(home, List.of(kept, gone, elsewhere))).extracting(Snapshot::id).containsExactly(kept);
        assertThat(snapshots.findSnapshots(other, List.of(kept, elsewhere))).extracting(Snapshot::id).containsExactly(elsewhere);
        assertThat(snapshots.findSnapshots(home, List.of())).isEmpty();
    }

    // ---- writes --------------------------------------------------------------------------------------------------

    @Test
    void createSnapshot_isTaggedInTheCallThatMakesIt_andReadBackWithItsTags() {
        String volume = estate.disk(Map.of(PLAN, "daily"));
        Disk disk = snapshots.findDisks(List.of(volume)).getFirst();
        Map<String, String> tags = Map.of(PLAN, "daily", "run", "run-1");

        Snapshot made = snapshots.createSnapshot(disk, tags, "nightly backup");

        assertThat(made.resource().cloud()).isEqualTo(provider.cloud());
        assertThat(made.region()).isEqualTo(home);
        assertThat(made.diskId()).isEqualTo(volume);
        assertThat(made.tags().values()).isEqualTo(tags);
        assertThat(made.description()).isEqualTo("nightly backup");
        assertThat(made.state()).isNotEqualTo(Snapshot.State.FAILED);
        assertThat(estate.snapshotIds(home)).contains(made.id());
        assertThat(estate.tagsOf(home, made.id())).isEqualTo(tags);
        assertThat(snapshots.findSnapshots(home, List.of(made.id()))).singleElement()
                .satisfies(found -> assertThat(found.tags().values()).isEqualTo(tags));
        assertThat(snapshots.listSnapshots(home, PLAN)).extracting(Snapshot::id).contains(made.id());
    }

    @Test
    void createSnapshotSet_withoutTheBootDisk_takesEveryDataDisk_eachTagged() {
        SeededInstance seeded = estate.instance(Map.of(PLAN, "daily"), 2);
        Instance machine = snapshots.listInstances(Map.of(PLAN, "daily")).getFirst();

        List<Snapshot> made = snapshots.createSnapshotSet(machine, false, Map.of(PLAN, "daily"), "crash-consistent set");

        assertThat(made).extracting(Snapshot::diskId).containsExactlyInAnyOrderElementsOf(seeded.dataDiskIds());
        assertThat(made).allSatisfy(snapshot -> {
            assertThat(snapshot.region()).isEqualTo(home);
            assertThat(snapshot.tags().values()).isEqualTo(Map.of(PLAN, "daily"));
            assertThat(snapshot.description()).isEqualTo("crash-consistent set");
            assertThat(estate.tagsOf(home, snapshot.id())).isEqualTo(Map.of(PLAN, "daily"));
        });
        assertThat(made).extracting(Snapshot::id).doesNotHaveDuplicates();
    }

    @Test
    void createSnapshotSet_withTheBootDisk_takesEveryDisk() {
        SeededInstance seeded = estate.instance(Map.of(PLAN, "daily"), 1);
        Instance machine = snapshots.listInstances(Map.of(PLAN, "daily")).getFirst();
        Set<String> before = estate.snapshotIds(home);

        List<Snapshot> made = snapshots.createSnapshotSet(machine, true, Map.of(PLAN, "daily"), "with boot");

        assertThat(made).extracting(Snapshot::diskId)
                .containsExactlyInAnyOrder(seeded.bootDiskId(), seeded.dataDiskIds().getFirst());
        assertThat(newSince(before, estate.snapshotIds(home))).containsExactlyInAnyOrderElementsOf(
                made.stream().map(Snapshot::id).toList());
    }

    @Test
    void copySnapshot_landsInTheOtherRegion_withItsTags_andNotAtHome() {
        String sourceId = estate.snapshot(home, Map.of(PLAN, "daily"), "source");
        Snapshot source = snapshots.findSnapshots(home, List.of(sourceId)).getFirst();
        Map<String, String> tags = Map.of(PLAN, "daily", "copy", "dr");
        Set<String> atHome = estate.snapshotIds(home);

        Snapshot copy = snapshots.copySnapshot(source, other, Optional.empty(), tags, "copy of the source");

        assertThat(copy.id()).isNotEqualTo(sourceId);
        assertThat(copy.region()).isEqualTo(other);
        assertThat(copy.tags().values()).isEqualTo(tags);
        assertThat(copy.state()).isNotEqualTo(Snapshot.State.FAILED);
        assertThat(estate.snapshotIds(other)).contains(copy.id());
        assertThat(estate.tagsOf(other, copy.id())).isEqualTo(tags);
        assertThat(estate.snapshotIds(home)).isEqualTo(atHome);
    }

    @Test
    void deleteSnapshot_isTrueWhenItDeletes_andFalseOnceGone_inEitherRegion() {
        String atHome = estate.snapshot(home, Map.of(PLAN, "daily"), "expired");
        String elsewhere = estate.snapshot(other, Map.of(PLAN, "daily"), "expired copy");
        String kept = estate.snapshot(home, Map.of(PLAN, "daily"), "kept");

        assertThat(snapshots.deleteSnapshot(home, atHome)).isTrue();
        assertThat(snapshots.deleteSnapshot(home, atHome)).as("a retried run").isFalse();
        assertThat(snapshots.deleteSnapshot(other, elsewhere)).isTrue();

        assertThat(estate.snapshotIds(home)).doesNotContain(atHome).contains(kept);
        assertThat(estate.snapshotIds(other)).doesNotContain(elsewhere);
    }

    @Test
    void tagSnapshots_addsTags_overwritingValuesOfTheSameKeys_andKeepingOthers() {
        String first = estate.snapshot(home, Map.of("env", "dev", "keep", "x"), "first");
        String second = estate.snapshot(home, Map.of(), "second");
        String elsewhere = estate.snapshot(other, Map.of(), "in the other region");

        TagWriteResult atHome = snapshots.tagSnapshots(home, List.of(first, second), Map.of("env", "prod", PLAN, "daily"));
        TagWriteResult inOther = snapshots.tagSnapshots(other, List.of(elsewhere), Map.of(PLAN, "daily"));

        assertThat(atHome.failed()).isEmpty();
        assertThat(inOther.failed()).isEmpty();
        assertThat(estate.tagsOf(home, first)).isEqualTo(Map.of("env", "prod", "keep", "x", PLAN, "daily"));
        assertThat(estate.tagsOf(home, second)).isEqualTo(Map.of("env", "prod", PLAN, "daily"));
        assertThat(estate.tagsOf(other, elsewhere)).isEqualTo(Map.of(PLAN, "daily"));
    }

    @Test
    void tagSnapshots_withNothingToWrite_sendsNothing() {
        String id = estate.snapshot(home, Map.of(), "untouched");
        ApiCalls before = provider.apiCalls();

        assertThat(snapshots.tagSnapshots(home, List.of(), Map.of(PLAN, "daily"))).isEqualTo(TagWriteResult.OK);
        assertThat(snapshots.tagSnapshots(home, List.of(id), Map.of())).isEqualTo(TagWriteResult.OK);

        assertThat(provider.apiCalls().since(before).total()).isZero();
        assertThat(estate.tagsOf(home, id)).isEmpty();
    }

    // ---- no create is ever sent twice: it takes no idempotency token ----------------------------------------------

    @Test
    void aCreateWhoseAnswerIsLost_failsUnavailable_andIsNotSentAgain() {
        Disk disk = snapshots.findDisks(List.of(estate.disk(Map.of()))).getFirst();
        Set<String> before = estate.snapshotIds(home);
        estate.loseAnswersTo(SnapshotWrite.CREATE_SNAPSHOT);

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.createSnapshot(disk, Map.of(PLAN, "daily"), "answer lost"));

        assertThat(e).as("the lost answer is reported").isNotNull();
        assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
        Set<String> made = newSince(before, estate.snapshotIds(home));
        assertThat(made).as("made once, never resent").hasSize(1);
        assertThat(estate.tagsOf(home, made.iterator().next())).as("a later run finds it by its tags")
                .isEqualTo(Map.of(PLAN, "daily"));
    }

    @Test
    void aSnapshotSetWhoseAnswerIsLost_failsUnavailable_andIsNotSentAgain() {
        SeededInstance seeded = estate.instance(Map.of(PLAN, "daily"), 2);
        Instance machine = snapshots.listInstances(Map.of(PLAN, "daily")).getFirst();
        Set<String> before = estate.snapshotIds(home);
        estate.loseAnswersTo(SnapshotWrite.CREATE_SNAPSHOT_SET);

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.createSnapshotSet(machine, false, Map.of(PLAN, "daily"), "answer lost"));

        assertThat(e).as("the lost answer is reported").isNotNull();
        assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
        assertThat(newSince(before, estate.snapshotIds(home))).as("one snapshot a data disk, never resent")
                .hasSize(seeded.dataDiskIds().size());
    }

    @Test
    void aCopyWhoseAnswerIsLost_failsUnavailable_andIsNotSentAgain() {
        Snapshot source = snapshots.findSnapshots(home, List.of(estate.snapshot(home, Map.of(PLAN, "daily"), "source")))
                .getFirst();
        Set<String> before = estate.snapshotIds(other);
        estate.loseAnswersTo(SnapshotWrite.COPY_SNAPSHOT);

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.copySnapshot(source, other, Optional.empty(), Map.of(PLAN, "daily"), "answer lost"));

        assertThat(e).as("the lost answer is reported").isNotNull();
        assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
        assertThat(newSince(before, estate.snapshotIds(other))).as("copied once, never resent").hasSize(1);
    }

    private static Set<String> newSince(Set<String> before, Set<String> now) {
        Set<String> made = new HashSet<>(now);
        made.removeAll(before);
        return made;
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        assertThat(items).extracting(id::apply).as("each listed once").doesNotHaveDuplicates();
        return items.stream().collect(Collectors.toMap(id, item -> item));
    }
}
