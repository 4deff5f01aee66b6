package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SnapshotEstate.ImageSnapshot;
import dev.cloudwarden.emulator.SnapshotEstate.SeededInstance;
import dev.cloudwarden.emulator.SnapshotEstate.SnapshotView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SnapshotOps} against moto server through the real SDK clients, in a home region and a
 * disaster-recovery region. What the calls left behind is read back with plain EC2 calls
 * ({@link SnapshotEstate}), never through the code under test. What every cloud must do is
 * {@link dev.cloudwarden.api.contract.SnapshotOpsContract}, which {@link MotoSnapshotOpsTest} runs here; this class
 * holds what EBS and EC2 add: names, accounts, KMS keys, images, the calls each read and write makes.
 */
@ExtendWith(MotoExtension.class)
class MotoSnapshotsTest {
    private static final String HOME = SnapshotEstate.REGION;
    private static final String DR = SnapshotEstate.DR_REGION;
    private static final String BACKUP = "cloudwarden:backup";
    private static final String DR_KEY = "arn:aws:kms:us-west-2:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6";

    private final MotoServer moto;
    private SnapshotEstate estate;
    private CloudProvider provider;
    private SnapshotOps snapshots;

    MotoSnapshotsTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connect() {
        estate = new SnapshotEstate(moto.endpoint());
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of(HOME).withEndpoint(moto.endpoint()));
        snapshots = provider.snapshots().orElseThrow();
    }

    @AfterEach
    void disconnect() {
        provider.close();
        estate.close();
    }

    @Test
    void listDisks_seesUntaggedAndTaggedVolumes_withWhatTheyAreAttachedTo_inOneCall() {
        Instant before = Instant.now().minusSeconds(5);
        String untagged = estate.volume(Map.of());
        String tagged = estate.volume(Map.of("Name", "data-1", BACKUP, "daily"));
        SeededInstance web = estate.instance(Map.of(), List.of(Map.of(BACKUP, "daily")));
        ApiCalls start = provider.apiCalls();

        Map<String, Disk> disks = byId(snapshots.listDisks(), Disk::id);

        assertThat(disks).containsKeys(untagged, tagged, web.rootVolumeId(), web.dataVolumeIds().getFirst());
        assertThat(disks.get(untagged)).satisfies(d -> {
            assertThat(d.resource().type()).isEqualTo("ec2:volume");
            assertThat(d.resource().region()).isEqualTo(HOME);
            assertThat(d.resource().account()).as("moto gives volumes no owner: left for the engine").isEmpty();
            assertThat(d.resource().name()).isEmpty();
            assertThat(d.resource().tags().values()).isEmpty();
            assertThat(d.sizeGiB()).isEqualTo(1);
            assertThat(d.zone()).isEqualTo("us-east-1a");
            assertThat(d.createdAt()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
            assertThat(d.attachedTo()).isEmpty();
        });
        assertThat(disks.get(tagged).resource().name()).isEqualTo("data-1");
        assertThat(disks.get(tagged).resource().tags().values()).isEqualTo(Map.of("Name", "data-1", BACKUP, "daily"));
        assertThat(disks.get(web.rootVolumeId()).attachedTo()).containsExactly(web.instanceId());
        assertThat(disks.get(web.dataVolumeIds().getFirst()).attachedTo()).containsExactly(web.instanceId());
        assertThat(provider.apiCalls().since(start).byOperation()).isEqualTo(Map.of("ec2:DescribeVolumes", 1L));
    }

    @Test
    void findDisks_leavesOutGoneIds_selectingByFilterNotByVolumeIds() {
        String kept = estate.volume(Map.of(BACKUP, "daily"));
        String gone = estate.volume(Map.of());
        estate.ec2(HOME).deleteVolume(r -> r.volumeId(gone));
        moto.startRecording();

        List<Disk> found = snapshots.findDisks(List.of(kept, gone));

        assertThat(found).extracting(Disk::id).containsExactly(kept);
        assertThat(moto.recordedRequests()).singleElement().satisfies(body -> assertThat(body)
                .contains("Action=DescribeVolumes", "Filter.1.Name=volume-id", "MaxResults=500")
                .doesNotContain("VolumeId.1"));
    }

    @Test
    void listInstances_selectsByTagValueAndByAnyValue_reportingBootAndDataDisks_andNeverTerminatedOnes() {
        SeededInstance daily = estate.instance(Map.of("Name", "web-1", BACKUP, "daily", "team", "web"),
                List.of(Map.of(), Map.of(BACKUP, "daily")));
        SeededInstance weekly = estate.instance(Map.of(BACKUP, "weekly"), List.of());
        SeededInstance prefixed = estate.instance(Map.of(BACKUP, "daily-2"), List.of());
        SeededInstance untagged = estate.instance(Map.of(), List.of());
        SeededInstance teamOnly = estate.instance(Map.of("team", "db"), List.of());
        SeededInstance terminated = estate.instance(Map.of(BACKUP, "daily"), List.of());
        estate.ec2(HOME).terminateInstances(r -> r.instanceIds(terminated.instanceId()));

        Map<String, Instance> byDaily = byId(snapshots.listInstances(Map.of(BACKUP, "daily")), Instance::id);
        List<Instance> anyBackup = snapshots.listInstances(Map.of(BACKUP, "*"));
        // moto keeps only the last of two filters of the same name (tag-key): the answer is checked again
        List<Instance> backupAndTeam = snapshots.listInstances(Map.of(BACKUP, "*", "team", "*"));
        // EC2 reads * and ? in filter values as wildcards; a tag value here is matched exactly
        List<Instance> wildcard = snapshots.listInstances(Map.of(BACKUP, "dail?"));
        List<Instance> all = snapshots.listInstances(Map.of());

        assertThat(byDaily).containsOnlyKeys(daily.instanceId());
        Instance web = byDaily.get(daily.instanceId());
        assertThat(web.resource().type()).isEqualTo("ec2:instance");
        assertThat(web.resource().name()).isEqualTo("web-1");
        assertThat(web.resource().account()).isEqualTo(estate.account());
        assertThat(web.resource().region()).isEqualTo(HOME);
        assertThat(web.bootDiskId()).isEqualTo(daily.rootVolumeId());
        assertThat(web.diskIds()).containsExactlyElementsOf(estate.attachedVolumes(daily.instanceId()))
                .containsExactlyInAnyOrder(daily.rootVolumeId(), daily.dataVolumeIds().get(0), daily.dataVolumeIds().get(1));
        assertThat(anyBackup).extracting(Instance::id)
                .containsExactlyInAnyOrder(daily.instanceId(), weekly.instanceId(), prefixed.instanceId());
        assertThat(backupAndTeam).extracting(Instance::id).containsExactly(daily.instanceId());
        assertThat(wildcard).isEmpty();
        assertThat(all).extracting(Instance::id).containsExactlyInAnyOrder(daily.instanceId(), weekly.instanceId(),
                prefixed.instanceId(), untagged.instanceId(), teamOnly.instanceId());
        assertThat(byId(all, Instance::id).get(untagged.instanceId()).diskIds()).containsExactly(untagged.rootVolumeId());
    }

    @Test
    void createSnapshot_tagsTheSnapshotInTheSameCall() {
        String volume = estate.volume(Map.of(BACKUP, "daily"));
        Disk disk = snapshots.findDisks(List.of(volume)).getFirst();
        Map<String, String> tags = Map.of("Name", "nightly", BACKUP, "daily", "cloudwarden:run", "run-1");
        ApiCalls before = provider.apiCalls();
        moto.startRecording();

        Snapshot made = snapshots.createSnapshot(disk, tags, "nightly backup of " + volume);

        assertThat(moto.recordedOperations()).as("tagged atomically: no CreateTags afterwards").containsExactly("CreateSnapshot");
        assertThat(provider.apiCalls().since(before).byOperation()).isEqualTo(Map.of("ec2:CreateSnapshot", 1L));
        assertThat(made.id()).startsWith("snap-");
        assertThat(made.diskId()).isEqualTo(volume);
        assertThat(made.region()).isEqualTo(HOME);
        assertThat(made.resource().account()).isEqualTo(estate.account());
        assertThat(made.resource().name()).isEqualTo("nightly");
        assertThat(made.tags().values()).isEqualTo(tags);
        assertThat(made.description()).isEqualTo("nightly backup of " + volume);
        assertThat(made.state()).as("moto completes a snapshot at once").isEqualTo(Snapshot.State.COMPLETED);
        assertThat(made.startedAt()).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(5));
        assertThat(view(HOME, made.id())).satisfies(v -> {
            assertThat(v.volumeId()).isEqualTo(volume);
            assertThat(v.tags()).isEqualTo(new TreeMap<>(tags));
            assertThat(v.description()).isEqualTo("nightly backup of " + volume);
        });
    }

    @Test
    void createSnapshotSet_withoutTheBootDisk_takesEveryDataDisk_taggedInTheSameCall() {
        SeededInstance seeded = estate.instance(Map.of(BACKUP, "daily"), List.of(Map.of(), Map.of()));
        Instance instance = snapshots.listInstances(Map.of(BACKUP, "daily")).getFirst();
        moto.startRecording();

        List<Snapshot> made = snapshots.createSnapshotSet(instance, false, Map.of(BACKUP, "daily"), "crash-consistent set");

        assertThat(moto.recordedOperations()).containsExactly("CreateSnapshots");
        assertThat(made).extracting(Snapshot::diskId).containsExactlyInAnyOrderElementsOf(seeded.dataVolumeIds());
        assertThat(made).allSatisfy(s -> {
            assertThat(s.region()).isEqualTo(HOME);
            assertThat(s.tags().values()).isEqualTo(Map.of(BACKUP, "daily"));
            assertThat(s.description()).isEqualTo("crash-consistent set");
            // moto's answer carries no state: unknown is never taken for completed
            assertThat(s.state()).isEqualTo(Snapshot.State.PENDING);
            assertThat(view(HOME, s.id()).tags()).isEqualTo(new TreeMap<>(Map.of(BACKUP, "daily")));
        });
    }

    @Test
    void copySnapshot_landsInTheDrRegion_withItsTagsDescriptionAndKey_andNotAtHome() {
        String volume = estate.volume(Map.of());
        String sourceId = estate.snapshot(HOME, volume, Map.of(BACKUP, "daily"), "source");
        Snapshot source = snapshots.findSnapshots(HOME, List.of(sourceId)).getFirst();
        Map<String, String> tags = Map.of(BACKUP, "daily", "cloudwarden:copy-of", sourceId);
        ApiCalls before = provider.apiCalls();
        Instant requested = Instant.now();

        Snapshot copy = snapshots.copySnapshot(source, DR, Optional.of(DR_KEY), tags, "DR copy of " + sourceId);

        assertThat(provider.apiCalls().since(before).byOperation()).isEqualTo(Map.of("ec2:CopySnapshot", 1L));
        assertThat(copy.id()).startsWith("snap-").isNotEqualTo(sourceId);
        assertThat(copy.region()).isEqualTo(DR);
        assertThat(copy.diskId()).isEmpty();
        assertThat(copy.state()).isEqualTo(Snapshot.State.PENDING);
        assertThat(copy.tags().values()).isEqualTo(tags);
        assertThat(copy.startedAt()).isBetween(requested, Instant.now());
        assertThat(view(DR, copy.id())).satisfies(v -> {
            assertThat(v.tags()).isEqualTo(new TreeMap<>(tags));
            assertThat(v.description()).isEqualTo("DR copy of " + sourceId);
            assertThat(v.kmsKeyId()).isEqualTo(DR_KEY);
        });
        assertThat(estate.snapshots(HOME)).extracting(SnapshotView::id).contains(sourceId).doesNotContain(copy.id());
    }

    @Test
    void listSnapshots_returnsTheAccountsSnapshotsCarryingTheTagKey_inTheRegionAsked() {
        String volume = estate.volume(Map.of());
        String daily = estate.snapshot(HOME, volume, Map.of(BACKUP, "daily", "Name", "n1"), "daily");
        String otherValue = estate.snapshot(HOME, volume, Map.of(BACKUP, ""), "empty value");
        estate.snapshot(HOME, volume, Map.of(), "untagged");
        estate.snapshot(HOME, volume, Map.of("backup", "daily"), "another key");
        String drVolume = estate.volume(DR, Map.of());
        String inDr = estate.snapshot(DR, drVolume, Map.of(BACKUP, "weekly"), "dr");
        ApiCalls before = provider.apiCalls();

        Map<String, Snapshot> home = byId(snapshots.listSnapshots(HOME, BACKUP), Snapshot::id);
        List<Snapshot> dr = snapshots.listSnapshots(DR, BACKUP);

        assertThat(home).containsOnlyKeys(daily, otherValue);
        assertThat(home.get(daily)).satisfies(s -> {
            assertThat(s.region()).isEqualTo(HOME);
            assertThat(s.resource().type()).isEqualTo("ec2:snapshot");
            assertThat(s.resource().account()).isEqualTo(estate.account());
            assertThat(s.resource().name()).isEqualTo("n1");
            assertThat(s.diskId()).isEqualTo(volume);
            assertThat(s.state()).isEqualTo(Snapshot.State.COMPLETED);
            assertThat(s.description()).isEqualTo("daily");
            assertThat(s.tags().get(BACKUP)).contains("daily");
        });
        assertThat(dr).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(inDr);
            assertThat(s.region()).isEqualTo(DR);
            assertThat(s.diskId()).isEqualTo(drVolume);
        });
        assertThat(provider.apiCalls().since(before).byOperation()).isEqualTo(Map.of("ec2:DescribeSnapshots", 2L));
    }

    @Test
    void imageSnapshots_namesTheSnapshotEachImageUses_inTheRegionAsked() {
        ImageSnapshot home = estate.image(HOME);
        ImageSnapshot dr = estate.image(DR);

        assertThat(snapshots.imageSnapshots(HOME)).containsEntry(home.snapshotId(), home.imageId())
                .doesNotContainKey(dr.snapshotId());
        assertThat(snapshots.imageSnapshots(DR)).containsExactly(Map.entry(dr.snapshotId(), dr.imageId()));
    }

    @Test
    void deletingTheSnapshotOfAnImage_isAConflict_andLeavesIt() {
        ImageSnapshot image = estate.image(HOME);

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.deleteSnapshot(HOME, image.snapshotId()));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT);
        assertThat(e.operation()).isEqualTo("ec2:DeleteSnapshot");
        assertThat(e.nativeCode()).isEqualTo("InvalidSnapshot.InUse");
        assertThat(estate.snapshots(HOME)).extracting(SnapshotView::id).contains(image.snapshotId());
    }

    @Test
    void everyCallIsCountedUnderItsIamName_asMotoRecordsThem() {
        String volume = estate.volume(Map.of(BACKUP, "daily"));
        estate.instance(Map.of(BACKUP, "daily"), List.of(Map.of()));
        String old = estate.snapshot(HOME, volume, Map.of(BACKUP, "daily"), "old");
        ApiCalls before = provider.apiCalls();
        moto.startRecording();

        Disk disk = snapshots.listDisks().stream().filter(d -> d.id().equals(volume)).findFirst().orElseThrow();
        snapshots.findDisks(List.of(volume));
        Instance instance = snapshots.listInstances(Map.of(BACKUP, "daily")).getFirst();
        snapshots.imageSnapshots(HOME);
        Snapshot made = snapshots.createSnapshot(disk, Map.of(BACKUP, "daily"), "made");
        snapshots.createSnapshotSet(instance, false, Map.of(BACKUP, "daily"), "set");
        snapshots.copySnapshot(made, DR, Optional.empty(), Map.of(BACKUP, "daily"), "copy");
        snapshots.listSnapshots(DR, BACKUP);
        snapshots.findSnapshots(HOME, List.of(made.id()));
        snapshots.tagSnapshots(HOME, List.of(made.id()), Map.of("checked", "yes"));
        snapshots.deleteSnapshot(HOME, old);

        Map<String, Long> counted = provider.apiCalls().since(before).byOperation();
        assertThat(counted).isEqualTo(Map.ofEntries(
                Map.entry("ec2:DescribeVolumes", 2L), Map.entry("ec2:DescribeInstances", 1L),
                Map.entry("ec2:DescribeImages", 1L), Map.entry("ec2:CreateSnapshot", 1L),
                Map.entry("ec2:CreateSnapshots", 1L), Map.entry("ec2:CopySnapshot", 1L),
                Map.entry("ec2:DescribeSnapshots", 2L), Map.entry("ec2:CreateTags", 1L),
                Map.entry("ec2:DeleteSnapshot", 1L)));
        Map<String, Long> recorded = moto.recordedOperations().stream()
                .collect(Collectors.groupingBy(op -> "ec2:" + op, Collectors.counting()));
        assertThat(recorded).isEqualTo(counted);
    }

    private SnapshotView view(String region, String id) {
        return estate.snapshots(region).stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no snapshot " + id + " in " + region));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> byId = new TreeMap<>();
        items.forEach(item -> assertThat(byId.put(id.apply(item), item)).as("listed twice: " + id.apply(item)).isNull());
        return byId;
    }
}
