package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The five {@link Ec2Type}s read with EC2's own Describe calls, which return every resource, tagged or
 * not, at the largest page size each call allows. Selecting by id goes through filters, never the
 * {@code InstanceIds}-style parameters: an id that no longer exists is then simply absent from the
 * answer instead of failing the whole call.
 */
final class Ec2Inventory {
    static final int MAX_PAGE_SIZE = 1000;
    /** DescribeVolumes' largest page: the EC2 API documents 5–500 (PagingWireMockTest checks the provider asks for it). */
    static final int MAX_VOLUME_PAGE_SIZE = 500;
    /** EC2 refuses more than 200 filter values in one call (FilterLimitExceeded). */
    static final int MAX_FILTER_VALUES = 200;

    /** Every state but terminated: a terminated instance lingers in answers for about an hour, but is gone. */
    static final Filter NOT_TERMINATED = Filter.builder().name("instance-state-name")
            .values("pending", "running", "shutting-down", "stopping", "stopped").build();

    private final Ec2Client ec2;
    private final String region;

    Ec2Inventory(Ec2Client ec2, String region) {
        this.ec2 = ec2;
        this.region = region;
    }

    /** Every resource of this type in the region, owned by this account. */
    List<ResourceRef> all(Ec2Type type) {
        return describe(type, List.of());
    }

    /** The resources among these short ids that still exist; one call per 200 ids. */
    List<ResourceRef> byIds(Ec2Type type, Collection<String> shortIds) {
        List<ResourceRef> found = new ArrayList<>();
        for (List<String> chunk : Batches.of(shortIds, MAX_FILTER_VALUES)) {
            found.addAll(describe(type, List.of(Filter.builder().name(type.idFilter()).values(chunk).build())));
        }
        return found;
    }

    private List<ResourceRef> describe(Ec2Type type, List<Filter> filters) {
        List<ResourceRef> found = new ArrayList<>();
        switch (type) {
            case INSTANCE -> {
                List<Filter> withState = new ArrayList<>(filters);
                withState.add(NOT_TERMINATED);
                AwsErrors.run("ec2:DescribeInstances", () -> ec2
                        .describeInstancesPaginator(r -> r.maxResults(MAX_PAGE_SIZE).filters(withState)).reservations()
                        .forEach(reservation -> reservation.instances().forEach(i -> found.add(ref(type,
                                reservation.ownerId(), i.instanceId(), nameTag(i.tags()), i.tags())))));
            }
            // a volume carries no owner id: AwsTags fills it in from the other resources it found
            case VOLUME -> AwsErrors.run("ec2:DescribeVolumes", () -> ec2
                    .describeVolumesPaginator(r -> r.maxResults(MAX_VOLUME_PAGE_SIZE).filters(filters)).volumes()
                    .forEach(v -> found.add(ref(type, "", v.volumeId(), nameTag(v.tags()), v.tags()))));
            case SNAPSHOT -> AwsErrors.run("ec2:DescribeSnapshots", () -> ec2
                    .describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(MAX_PAGE_SIZE).filters(filters)).snapshots()
                    .forEach(s -> found.add(ref(type, s.ownerId(), s.snapshotId(), nameTag(s.tags()), s.tags()))));
            // a group is named by its group name, as in SecurityGroupTranslator
            case SECURITY_GROUP -> AwsErrors.run("ec2:DescribeSecurityGroups", () -> ec2
                    .describeSecurityGroupsPaginator(r -> r.maxResults(MAX_PAGE_SIZE).filters(filters)).securityGroups()
                    .forEach(g -> found.add(ref(type, g.ownerId(), g.groupId(), g.groupName(), g.tags()))));
            case IMAGE -> AwsErrors.run("ec2:DescribeImages", () -> ec2
                    .describeImagesPaginator(r -> r.owners("self").maxResults(MAX_PAGE_SIZE).filters(filters)).images()
                    .forEach(i -> found.add(ref(type, i.ownerId(), i.imageId(), imageName(i), i.tags()))));
        }
        return found;
    }

    private ResourceRef ref(Ec2Type type, String account, String id, String name, List<Tag> tags) {
        Map<String, String> values = new HashMap<>();
        for (Tag tag : tags) {
            values.put(tag.key(), tag.value());
        }
        return new ResourceRef(CloudId.AWS, account, region, type.type(), id, name, Tags.of(values));
    }

    private static String nameTag(List<Tag> tags) {
        return tags.stream().filter(t -> t.key().equals("Name")).map(Tag::value).findFirst().orElse("");
    }

    /** The Name tag as for every EC2 resource, else the AMI's own (required) name. */
    private static String imageName(Image image) {
        String tag = nameTag(image.tags());
        return tag.isEmpty() && image.name() != null ? image.name() : tag;
    }
}
