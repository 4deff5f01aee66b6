package dev.cloudwarden.emulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Seeds an emulator with what snapshot operations work on — volumes, instances with data volumes, snapshots,
 * images — in two regions, a home one and a disaster-recovery one, and reads the snapshots back with plain
 * EC2 calls, never through the code under test.
 *
 * <p>The emulator keeps each region apart as EC2 does: a client signs for its region and sees only that
 * region's resources, even though both send to the same endpoint.
 */
public final class SnapshotEstate implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String DR_REGION = "us-west-2";

    private static final String INSTANCE_TYPE = "t3.micro";
    private static final String ROOT_DEVICE = "/dev/sda1";
    /** Where data volumes are attached, in turn: /dev/sdf, /dev/sdg … as EC2 suggests for EBS volumes. */
    private static final char FIRST_DATA_DEVICE = 'f';

    private final Map<String, Ec2Client> clients = new LinkedHashMap<>();
    private String baseImage;
    private int sequence;

    public SnapshotEstate(URI endpoint) {
        for (String region : List.of(REGION, DR_REGION)) {
            clients.put(region, Ec2Client.builder()
                    .region(Region.of(region))
                    .endpointOverride(endpoint)
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
                    .build());
        }
    }

    /** An instance, the volume it boots from, and the data volumes attached to it, in order. */
    public record SeededInstance(String instanceId, String rootVolumeId, List<String> dataVolumeIds) {
        public SeededInstance {
            dataVolumeIds = List.copyOf(dataVolumeIds);
        }
    }

    /** A snapshot as EC2 describes it; {@code kmsKeyId} is empty when it is not encrypted with a named key. */
    public record SnapshotView(String id, String volumeId, String state, String description, String kmsKeyId,
                               SortedMap<String, String> tags) {
    }

    /** A 1 GiB volume in the home region's first zone, with these tags (none when empty); returns its id. */
    public String volume(Map<String, String> tags) {
        return volume(REGION, tags);
    }

    /** A 1 GiB volume in the first zone of {@code region}. */
    public String volume(String region, Map<String, String> tags) {
        return ec2(region).createVolume(r -> r.availabilityZone(region + "a").size(1)
                .tagSpecifications(tagging(ResourceType.VOLUME, tags))).volumeId();
    }

    /**
     * A running instance in the home region, of the estate's own AMI, with these tags, and one data volume
     * attached for each entry of {@code dataVolumeTags} (at /dev/sdf, /dev/sdg …, tagged with that entry).
     */
    public SeededInstance instance(Map<String, String> tags, List<Map<String, String>> dataVolumeTags) {
        Ec2Client ec2 = ec2(REGION);
        String image = baseImage();
        Instance started = ec2.runInstances(r -> r.imageId(image).instanceType(INSTANCE_TYPE).minCount(1).maxCount(1)
                .tagSpecifications(tagging(ResourceType.INSTANCE, tags))).instances().getFirst();
        String id = started.instanceId();
        String zone = started.placement().availabilityZone();
        List<String> data = new ArrayList<>();
        for (int i = 0; i < dataVolumeTags.size(); i++) {
            Map<String, String> volumeTags = dataVolumeTags.get(i);
            String volume = ec2.createVolume(r -> r.availabilityZone(zone).size(1)
                    .tagSpecifications(tagging(ResourceType.VOLUME, volumeTags))).volumeId();
            String device = "/dev/sd" + (char) (FIRST_DATA_DEVICE + i);
            ec2.attachVolume(r -> r.instanceId(id).volumeId(volume).device(device));
            data.add(volume);
        }
        Instance described = ec2.describeInstances(r -> r.instanceIds(id)).reservations().getFirst().instances().getFirst();
        String root = described.blockDeviceMappings().stream()
                .filter(m -> m.deviceName().equals(described.rootDeviceName()) && m.ebs() != null)
                .map(m -> m.ebs().volumeId())
                .findFirst().orElseThrow(() -> new IllegalStateException("the emulator gave " + id + " no root volume"));
        return new SeededInstance(id, root, data);
    }

    /** The ids of the EBS volumes attached to an instance, as EC2 lists its block devices. */
    public List<String> attachedVolumes(String instanceId) {
        return ec2(REGION).describeInstances(r -> r.instanceIds(instanceId)).reservations().getFirst().instances()
                .getFirst().blockDeviceMappings().stream()
                .map(InstanceBlockDeviceMapping::ebs).filter(ebs -> ebs != null).map(ebs -> ebs.volumeId()).toList();
    }

    /** A snapshot of a volume of {@code region}, with these tags and this description; returns its id. */
    public String snapshot(String region, String volumeId, Map<String, String> tags, String description) {
        return ec2(region).createSnapshot(r -> r.volumeId(volumeId).description(description)
                .tagSpecifications(tagging(ResourceType.SNAPSHOT, tags))).snapshotId();
    }

    /** An image (AMI) and the snapshot it uses. */
    public record ImageSnapshot(String imageId, String snapshotId) {
    }

    /**
     * An AMI registered in {@code region} from a snapshot of a new volume, and the snapshot the AMI uses as
     * EC2 describes it: the emulator backs a new image with a snapshot of its own ("Auto-created snapshot for
     * AMI …"), not the one named in RegisterImage.
     */
    public ImageSnapshot image(String region) {
        Ec2Client ec2 = ec2(region);
        String volume = volume(region, Map.of("Name", "image-source")); // named, so that reports say what it is
        String source = snapshot(region, volume, Map.of(), "cloudwarden test image root");
        String imageId = ec2.registerImage(r -> r.name("cloudwarden-snapshot-test-" + next()).rootDeviceName(ROOT_DEVICE)
                .architecture("x86_64").virtualizationType("hvm")
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName(ROOT_DEVICE)
                        .ebs(e -> e.snapshotId(source)).build())).imageId();
        Image image = ec2.describeImages(r -> r.imageIds(imageId)).images().getFirst();
        String used = image.blockDeviceMappings().stream()
                .filter(m -> m.ebs() != null && m.ebs().snapshotId() != null)
                .map(m -> m.ebs().snapshotId())
                .findFirst().orElseThrow(() -> new IllegalStateException("image " + imageId + " uses no snapshot"));
        return new ImageSnapshot(imageId, used);
    }

    /** Every snapshot the account owns in {@code region}, as EC2 describes it. */
    public List<SnapshotView> snapshots(String region) {
        List<SnapshotView> all = new ArrayList<>();
        ec2(region).describeSnapshotsPaginator(r -> r.ownerIds("self")).snapshots()
                .forEach(s -> all.add(view(s)));
        return all;
    }

    /** The tags a snapshot of {@code region} has now, read with DescribeTags. */
    public SortedMap<String, String> tagsOf(String region, String snapshotId) {
        SortedMap<String, String> tags = new TreeMap<>();
        ec2(region).describeTagsPaginator(r -> r.filters(Filter.builder().name("resource-id").values(snapshotId).build()))
                .tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    public void deleteSnapshot(String region, String snapshotId) {
        ec2(region).deleteSnapshot(r -> r.snapshotId(snapshotId));
    }

    /** The emulator's account, as EC2 reports the owner of the default security group. */
    public String account() {
        return ec2(REGION).describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values("default").build()))
                .securityGroups().getFirst().ownerId();
    }

    /** The SDK client of one of the estate's two regions, for tests that read or change EC2 directly. */
    public Ec2Client ec2(String region) {
        Ec2Client client = clients.get(region);
        if (client == null) {
            throw new IllegalArgumentException("the estate works in " + clients.keySet() + ", not in " + region);
        }
        return client;
    }

    private static SnapshotView view(Snapshot snapshot) {
        SortedMap<String, String> tags = new TreeMap<>();
        snapshot.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new SnapshotView(snapshot.snapshotId(), orEmpty(snapshot.volumeId()), snapshot.stateAsString(),
                orEmpty(snapshot.description()), orEmpty(snapshot.kmsKeyId()), tags);
    }

    /**
     * An AMI to start instances from. The emulator runs with MOTO_EC2_LOAD_DEFAULT_AMIS=false, so there is
     * no public one: the estate registers its own, once.
     */
    private String baseImage() {
        if (baseImage == null) {
            baseImage = image(REGION).imageId();
        }
        return baseImage;
    }

    private int next() {
        return sequence++;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The tag specification for a create call; none when there are no tags (EC2 refuses an empty one). */
    private static List<TagSpecification> tagging(ResourceType type, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        List<Tag> ec2Tags = tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return List.of(TagSpecification.builder().resourceType(type).tags(ec2Tags).build());
    }

    @Override
    public void close() {
        clients.values().forEach(Ec2Client::close);
    }
}
