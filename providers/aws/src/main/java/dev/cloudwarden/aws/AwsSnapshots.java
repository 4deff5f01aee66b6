package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.api.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * EBS volumes, the instances they are attached to, and their snapshots, in the provider's region and (for
 * disaster-recovery copies) in others. Reads use the largest pages and select by id through filters, so a
 * gone id is just absent (as in {@link Ec2Inventory}).
 *
 * <p>CreateSnapshot, CreateSnapshots and CopySnapshot take no idempotency token: they go through a client
 * that resends only throttled requests ({@link ThrottlingOnlyRetries}), carry their tags in the same call
 * (TagSpecifications), and a failure of any other kind is reported, never retried. CreateTags and
 * DeleteSnapshot may safely be sent twice and keep the provider's adaptive retries.
 *
 * <p>IAM actions used: ec2:DescribeVolumes, ec2:DescribeInstances, ec2:DescribeSnapshots, ec2:DescribeImages,
 * ec2:CreateSnapshot, ec2:CreateSnapshots, ec2:CopySnapshot, ec2:CreateTags, ec2:DeleteSnapshot. A copy
 * encrypted with a customer-managed key also needs the KMS permissions EBS uses on that key on the caller's
 * behalf (see "Amazon EBS encryption" in the EBS User Guide); the tests here cannot observe them.
 */
final class AwsSnapshots implements SnapshotOps {
    /**
     * What EBS reports as the volume of a snapshot it did not take from a volume of this account and
     * region: a copy, whatever the source's volume was.
     */
    static final String NO_VOLUME = "vol-ffffffff";

    private static final String DESCRIBE_VOLUMES = "ec2:DescribeVolumes";
    private static final String DESCRIBE_SNAPSHOTS = "ec2:DescribeSnapshots";

    private final RegionalEc2 ec2;
    private final String region;

    AwsSnapshots(RegionalEc2 ec2, String region) {
        this.ec2 = ec2;
        this.region = region;
    }

    /** EC2 has it all: CreateSnapshots for sets, CopySnapshot across regions, AMIs that hold their snapshots. */
    @Override
    public SnapshotFeatures features() {
        return SnapshotFeatures.ALL;
    }

    @Override
    public List<Disk> listDisks() {
        return describeVolumes(List.of());
    }

    @Override
    public List<Disk> findDisks(Collection<String> diskIds) {
        List<Disk> found = new ArrayList<>();
        for (List<String> chunk : Batches.of(diskIds, Ec2Inventory.MAX_FILTER_VALUES)) {
            found.addAll(describeVolumes(List.of(filter("volume-id", chunk))));
        }
        return found;
    }

    private List<Disk> describeVolumes(List<Filter> filters) {
        List<Disk> found = new ArrayList<>();
        AwsErrors.run(DESCRIBE_VOLUMES, () -> ec2.in(region)
                .describeVolumesPaginator(r -> r.maxResults(Ec2Inventory.MAX_VOLUME_PAGE_SIZE).filters(filters)).volumes()
                .forEach(v -> found.add(disk(v))));
        return found;
    }

    /**
     * A volume as a disk. EC2 gives its owner only in newer answers (moto never does): the account is then
     * left empty, for the caller to fill in. A volume always has a CreateTime; were one ever missing, the
     * disk is taken as old rather than new, so that it is never spared a snapshot for looking young.
     */
    private Disk disk(Volume volume) {
        ResourceRef ref = ref(volume.ownerId(), region, "ec2:volume", volume.volumeId(), volume.tags());
        int size = volume.size() == null ? 0 : volume.size();
        Instant created = volume.createTime() == null ? Instant.EPOCH : volume.createTime();
        List<String> attachedTo = volume.attachments().stream().map(VolumeAttachment::instanceId).distinct().toList();
        return new Disk(ref, size, volume.availabilityZone(), created, attachedTo);
    }

    /**
     * {@inheritDoc} EC2 selects them with a {@code tag:KEY} filter per value and a {@code tag-key} filter per
     * {@code *}; the answer is checked against the tags again, so that the result depends neither on EC2's
     * wildcards in filter values ({@code prod*}) nor on how a service joins two filters of the same name.
     */
    @Override
    public List<Instance> listInstances(Map<String, String> withTags) {
        List<Filter> filters = new ArrayList<>();
        withTags.forEach((key, value) -> filters.add(value.equals("*")
                ? filter("tag-key", List.of(key)) : filter("tag:" + key, List.of(value))));
        filters.add(Ec2Inventory.NOT_TERMINATED);
        List<Instance> found = new ArrayList<>();
        AwsErrors.run("ec2:DescribeInstances", () -> ec2.in(region)
                .describeInstancesPaginator(r -> r.maxResults(Ec2Inventory.MAX_PAGE_SIZE).filters(filters)).reservations()
                .forEach(reservation -> reservation.instances().forEach(i -> {
                    Instance instance = instance(reservation.ownerId(), i);
                    if (carries(instance.resource().tags(), withTags)) {
                        found.add(instance);
                    }
                })));
        return found;
    }

    private Instance instance(String owner, software.amazon.awssdk.services.ec2.model.Instance instance) {
        ResourceRef ref = ref(owner, region, "ec2:instance", instance.instanceId(), instance.tags());
        String boot = "";
        List<String> disks = new ArrayList<>();
        for (InstanceBlockDeviceMapping mapping : instance.blockDeviceMappings()) {
            EbsInstanceBlockDevice ebs = mapping.ebs();
            if (ebs == null || ebs.volumeId() == null) {
                continue; // an instance-store device: no EBS volume to snapshot
            }
            disks.add(ebs.volumeId());
            if (mapping.deviceName() != null && mapping.deviceName().equals(instance.rootDeviceName())) {
                boot = ebs.volumeId();
            }
        }
        return new Instance(ref, boot, disks);
    }

    private static boolean carries(Tags tags, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> tags.get(e.getKey())
                .filter(value -> e.getValue().equals("*") || e.getValue().equals(value)).isPresent());
    }

    @Override
    public List<Snapshot> listSnapshots(String region, String tagKey) {
        return describeSnapshots(region, filter("tag-key", List.of(tagKey)));
    }

    @Override
    public List<Snapshot> findSnapshots(String region, Collection<String> snapshotIds) {
        List<Snapshot> found = new ArrayList<>();
        for (List<String> chunk : Batches.of(snapshotIds, Ec2Inventory.MAX_FILTER_VALUES)) {
            found.addAll(describeSnapshots(region, filter("snapshot-id", chunk)));
        }
        return found;
    }

    private List<Snapshot> describeSnapshots(String where, Filter filter) {
        List<Snapshot> found = new ArrayList<>();
        AwsErrors.run(DESCRIBE_SNAPSHOTS, () -> ec2.in(where)
                .describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(Ec2Inventory.MAX_PAGE_SIZE).filters(filter))
                .snapshots()
                .forEach(s -> found.add(snapshot(where, s.ownerId(), s.snapshotId(), s.tags(), s.volumeId(),
                        s.startTime(), s.state(), s.description()))));
        return found;
    }

    @Override
    public Map<String, String> imageSnapshots(String region) {
        Map<String, String> imageOf = new TreeMap<>();
        AwsErrors.run("ec2:DescribeImages", () -> ec2.in(region)
                .describeImagesPaginator(r -> r.owners("self").maxResults(Ec2Inventory.MAX_PAGE_SIZE)).images()
                .forEach(image -> {
                    for (BlockDeviceMapping mapping : image.blockDeviceMappings()) {
                        if (mapping.ebs() != null && mapping.ebs().snapshotId() != null) {
                            imageOf.putIfAbsent(mapping.ebs().snapshotId(), image.imageId());
                        }
                    }
                }));
        return imageOf;
    }

    /**
     * {@inheritDoc} The snapshot is taken in the provider's region, where the disk must be. Its tags are the
     * ones EC2 answers with, else those sent: the call that succeeded applied them.
     */
    @Override
    public Snapshot createSnapshot(Disk disk, Map<String, String> tags, String description) {
        requireHomeRegion(disk.resource());
        var answer = AwsErrors.call("ec2:CreateSnapshot", () -> ec2.nonRepeatingIn(region)
                .createSnapshot(r -> r.volumeId(disk.id()).description(description)
                        .tagSpecifications(tagging(tags))));
        List<Tag> answered = answer.hasTags() && !answer.tags().isEmpty() ? answer.tags() : ec2Tags(tags);
        return snapshot(region, answer.ownerId(), answer.snapshotId(), answered, answer.volumeId(),
                answer.startTime(), answer.state(), answer.description() == null ? description : answer.description());
    }

    /**
     * {@inheritDoc} One CreateSnapshots call. Tags are not copied from the volumes (the caller tags each
     * snapshot as it needs), and data volumes are never excluded one by one: the set is every attached
     * volume, with or without the boot volume.
     */
    @Override
    public List<Snapshot> createSnapshotSet(Instance instance, boolean includeBootDisk, Map<String, String> tags,
                                            String description) {
        requireHomeRegion(instance.resource());
        var answer = AwsErrors.call("ec2:CreateSnapshots", () -> ec2.nonRepeatingIn(region)
                .createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance.id()).excludeBootVolume(!includeBootDisk))
                        .description(description)
                        .tagSpecifications(tagging(tags))));
        return answer.snapshots().stream()
                .map(s -> snapshot(region, s.ownerId(), s.snapshotId(),
                        s.hasTags() && !s.tags().isEmpty() ? s.tags() : ec2Tags(tags), s.volumeId(),
                        s.startTime(), s.state(), s.description() == null ? description : s.description()))
                .toList();
    }

    /**
     * {@inheritDoc} CopySnapshot is sent to {@code toRegion}'s endpoint, naming the source's region (and the
     * destination's, for the presigned URL the SDK adds). EBS answers with the new id alone: the snapshot
     * returned carries the tags sent, no disk (EBS records none for a copy), the time of the request as its
     * start, and the state {@code PENDING}.
     */
    @Override
    public Snapshot copySnapshot(Snapshot source, String toRegion, Optional<String> encryptionKey,
                                 Map<String, String> tags, String description) {
        String from = source.region().isEmpty() ? region : source.region();
        Instant requested = Instant.now();
        String id = AwsErrors.call("ec2:CopySnapshot", () -> ec2.nonRepeatingIn(toRegion)
                .copySnapshot(r -> {
                    // the SDK presigns a URL for the source region naming the destination, which it otherwise
                    // reads from the endpoint's host name: an emulator's (127.0.0.1) names none, and the SDK
                    // then fails with an IllegalArgumentException before sending anything
                    r.sourceRegion(from).destinationRegion(toRegion).sourceSnapshotId(source.id())
                            .description(description).tagSpecifications(tagging(tags));
                    encryptionKey.ifPresent(key -> r.encrypted(true).kmsKeyId(key));
                })).snapshotId();
        return new Snapshot(ref(source.resource().account(), toRegion, "ec2:snapshot", id, ec2Tags(tags)), "", requested,
                Snapshot.State.PENDING, description);
    }

    /** {@inheritDoc} CreateTags, {@link AwsTags#EC2_BATCH} ids a call; a batch that fails fails each of its ids. */
    @Override
    public TagWriteResult tagSnapshots(String region, List<String> snapshotIds, Map<String, String> tags) {
        if (tags.isEmpty() || snapshotIds.isEmpty()) {
            return TagWriteResult.OK;
        }
        List<Tag> ec2Tags = ec2Tags(tags);
        Map<String, CloudException> failed = new HashMap<>();
        for (List<String> batch : Batches.of(snapshotIds, AwsTags.EC2_BATCH)) {
            try {
                ec2.in(region).createTags(r -> r.resources(batch).tags(ec2Tags));
            } catch (SdkException e) {
                CloudException error = AwsErrors.translate("ec2:CreateTags", e);
                batch.forEach(id -> failed.put(id, error));
            }
        }
        return new TagWriteResult(failed);
    }

    /**
     * {@inheritDoc} A delete that failed may still have happened: the SDK resends a delete whose answer was lost (which
     * is safe), and the error of its last attempt (throttled, a 500, the answer lost again) says nothing about the first.
     * The snapshot is then looked up once, and one no longer there counts as deleted.
     */
    @Override
    public boolean deleteSnapshot(String region, String snapshotId) {
        try {
            ec2.in(region).deleteSnapshot(r -> r.snapshotId(snapshotId));
            return true;
        } catch (SdkException e) {
            if (AwsErrors.codeOf(e).equals("InvalidSnapshot.NotFound")) {
                return false;
            }
            CloudException failure = AwsErrors.translate("ec2:DeleteSnapshot", e); // InvalidSnapshot.InUse: CONFLICT
            if (failure.kind() != CloudException.Kind.CONFLICT && gone(region, snapshotId)) {
                return true;
            }
            throw failure;
        }
    }

    /** Whether a read says the snapshot no longer exists; false when the read fails too. */
    private boolean gone(String region, String snapshotId) {
        try {
            return findSnapshots(region, List.of(snapshotId)).isEmpty();
        } catch (CloudException unreadable) {
            return false;
        }
    }

    /**
     * EBS's states as the neutral ones. {@code recoverable} (a snapshot restored from the archive tier or the
     * recycle bin can be recovered) and {@code recovering} (it is being recovered) are not yet readable, but
     * neither is lost: both count as pending. A state this SDK does not know, or none at all (moto's answer to
     * CreateSnapshots carries none), is pending too: an unknown state is never taken for a completed one.
     */
    static Snapshot.State state(SnapshotState state) {
        if (state == null) {
            return Snapshot.State.PENDING;
        }
        return switch (state) {
            case COMPLETED -> Snapshot.State.COMPLETED;
            case ERROR -> Snapshot.State.FAILED;
            case PENDING, RECOVERABLE, RECOVERING, UNKNOWN_TO_SDK_VERSION -> Snapshot.State.PENDING;
        };
    }

    /**
     * A snapshot as EC2 describes it. A copy names the placeholder volume {@link #NO_VOLUME}, reported as no
     * disk. EC2 always gives the start time; were one ever missing, the snapshot is taken as started now, so
     * that an age-based retention never deletes it for looking old.
     */
    private static Snapshot snapshot(String region, String owner, String id, List<Tag> tags, String volumeId,
                                     Instant startTime, SnapshotState state, String description) {
        String disk = volumeId == null || volumeId.equals(NO_VOLUME) ? "" : volumeId;
        return new Snapshot(ref(owner, region, "ec2:snapshot", id, tags), disk,
                startTime == null ? Instant.now() : startTime, state(state), description);
    }

    private void requireHomeRegion(ResourceRef resource) {
        if (!resource.region().isEmpty() && !resource.region().equals(region)) {
            throw new IllegalArgumentException(resource.id() + " is in " + resource.region()
                    + ", not in the provider's region " + region);
        }
    }

    private static ResourceRef ref(String owner, String region, String type, String id, List<Tag> tags) {
        Map<String, String> values = new HashMap<>();
        for (Tag tag : tags) {
            values.put(tag.key(), tag.value());
        }
        Tags all = Tags.of(values);
        return new ResourceRef(CloudId.AWS, owner, region, type, id, all.get("Name").orElse(""), all);
    }

    /** The tag specification of a create call; none when there are no tags (EC2 refuses an empty one). */
    private static List<TagSpecification> tagging(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        return List.of(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(ec2Tags(tags)).build());
    }

    private static List<Tag> ec2Tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }
}
