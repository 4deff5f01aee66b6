package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.FailureInfo;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * Tags of any AWS resource. The five {@link Ec2Type}s are read and written through EC2 itself (its
 * Describe calls also see resources that never had a tag; CreateTags takes 200 ids at once), every
 * other type through the Resource Groups Tagging API, which knows only resources that have (or had) a tag.
 *
 * <p>Ids are EC2 short ids ({@code i-…}, {@code vol-…}) for EC2 resources, SSM ids ({@code mi-…}) for managed
 * nodes outside EC2 (hybrid servers, whose tags live in SSM and are written there, one node per call), and ARNs
 * for all others.
 *
 * <p>IAM actions used: ec2:DescribeInstances, ec2:DescribeVolumes, ec2:DescribeSnapshots,
 * ec2:DescribeSecurityGroups, ec2:DescribeImages, ec2:CreateTags, ec2:DeleteTags, tag:GetResources,
 * tag:TagResources, tag:UntagResources — the last two together with each service's own tagging action
 * (sns:TagResource, s3:PutBucketTagging …), which the Tagging API calls on the caller's behalf —,
 * ssm:AddTagsToResource and ssm:RemoveTagsFromResource (managed nodes outside EC2).
 */
final class AwsTags implements TagOps {
    /**
     * CreateTags and DeleteTags accept up to 1,000 resource ids, but EC2 recommends smaller batches:
     * one id that does not exist fails the whole call, and a smaller batch limits what that fails.
     */
    static final int EC2_BATCH = 200;
    /** TagResources and UntagResources accept at most 20 ARNs. */
    static final int TAGGING_BATCH = 20;
    /** The id prefix of SSM managed nodes that are not EC2 instances (hybrid servers): their tags are SSM's. */
    static final String MANAGED_NODE_PREFIX = "mi-";

    private final Ec2Client ec2;
    private final Supplier<ResourceGroupsTaggingApiClient> tagging;
    private final Supplier<SsmClient> ssm;
    private final Ec2Inventory inventory;
    private final TagIndex index;

    AwsTags(Ec2Client ec2, Supplier<ResourceGroupsTaggingApiClient> tagging, Supplier<SsmClient> ssm, String region) {
        this.ec2 = ec2;
        this.tagging = tagging;
        this.ssm = ssm;
        this.inventory = new Ec2Inventory(ec2, region);
        this.index = new TagIndex(tagging, region);
    }

    @Override
    public List<ResourceRef> listResources(Set<String> types) {
        Map<String, ResourceRef> byId = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String type : new TreeSet<>(types)) {
            Ec2Type.ofType(type).ifPresentOrElse(
                    ec2Type -> inventory.all(ec2Type).forEach(ref -> byId.putIfAbsent(ref.id(), ref)),
                    () -> others.add(type));
        }
        // a service-wide filter such as "ec2" returns tagged instances again: their short ids meet the ones above
        if (!others.isEmpty()) {
            index.byTypes(others).forEach(ref -> byId.putIfAbsent(ref.id(), ref));
        }
        return withAccount(byId.values());
    }

    @Override
    public boolean listsUntagged(String type) {
        return Ec2Type.ofType(type).isPresent();
    }

    /**
     * {@inheritDoc} EC2 ARNs of the five {@link Ec2Type}s come back under their short ids. Resources named
     * by other ARNs are found only when they have (or had) a tag, and other EC2 resources (VPCs, subnets)
     * only when named by their ARNs.
     */
    @Override
    public List<ResourceRef> findResources(List<String> ids) {
        Map<Ec2Type, Set<String>> ec2Ids = new EnumMap<>(Ec2Type.class);
        Set<String> arns = new LinkedHashSet<>();
        for (String id : ids) {
            Ec2Type.resolve(id).ifPresentOrElse(
                    e -> ec2Ids.computeIfAbsent(e.type(), k -> new LinkedHashSet<>()).add(e.shortId()),
                    () -> Arn.parse(id).ifPresent(arn -> arns.add(id)));
        }
        Map<String, ResourceRef> byId = new LinkedHashMap<>();
        ec2Ids.forEach((type, shortIds) -> inventory.byIds(type, shortIds).forEach(ref -> byId.putIfAbsent(ref.id(), ref)));
        if (!arns.isEmpty()) {
            index.byArns(arns).forEach(ref -> byId.putIfAbsent(ref.id(), ref));
        }
        return withAccount(byId.values());
    }

    @Override
    public TagWriteResult addTags(List<ResourceRef> resources, Map<String, String> tags) {
        if (tags.isEmpty() || resources.isEmpty()) {
            return TagWriteResult.OK;
        }
        List<Tag> ec2Tags = tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        List<software.amazon.awssdk.services.ssm.model.Tag> ssmTags = tags.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.ssm.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return write(resources,
                "ec2:CreateTags", ids -> ec2.createTags(r -> r.resources(ids).tags(ec2Tags)),
                "tag:TagResources", arns -> {
                    var response = tagging.get().tagResources(r -> r.resourceARNList(arns).tags(tags));
                    return new BatchAnswer(response.failedResourcesMap(), response.responseMetadata().requestId());
                },
                "ssm:AddTagsToResource", node -> ssm.get().addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.MANAGED_INSTANCE)
                        .resourceId(node).tags(ssmTags)));
    }

    @Override
    public TagWriteResult removeTags(List<ResourceRef> resources, Set<String> keys) {
        if (keys.isEmpty() || resources.isEmpty()) {
            return TagWriteResult.OK;
        }
        // keys only: a tag given with a value (even an empty one) is deleted only when its value matches
        List<Tag> ec2Keys = keys.stream().map(key -> Tag.builder().key(key).build()).toList();
        return write(resources,
                "ec2:DeleteTags", ids -> ec2.deleteTags(r -> r.resources(ids).tags(ec2Keys)),
                "tag:UntagResources", arns -> {
                    var response = tagging.get().untagResources(r -> r.resourceARNList(arns).tagKeys(keys));
                    return new BatchAnswer(response.failedResourcesMap(), response.responseMetadata().requestId());
                },
                "ssm:RemoveTagsFromResource", node -> ssm.get().removeTagsFromResource(r -> r.resourceType(ResourceTypeForTagging.MANAGED_INSTANCE)
                        .resourceId(node).tagKeys(keys)));
    }

    /** What a Tagging API write answered: the ARNs it could not change, and the request id. */
    private record BatchAnswer(Map<String, FailureInfo> failed, String requestId) {
    }

    /**
     * Writes EC2 resources in batches of {@link #EC2_BATCH}, managed nodes outside EC2 one by one, and all others
     * in batches of {@link #TAGGING_BATCH}. A batch that fails as a whole fails each of its resources; the next
     * batch is still sent.
     */
    private TagWriteResult write(List<ResourceRef> resources,
                                 String ec2Operation, Consumer<List<String>> ec2Write,
                                 String taggingOperation, Function<List<String>, BatchAnswer> taggingWrite,
                                 String ssmOperation, Consumer<String> ssmWrite) {
        Targets targets = Targets.of(resources);
        Map<String, CloudException> failed = new HashMap<>();
        for (String node : targets.managedNodes()) {
            try {
                ssmWrite.accept(node);
            } catch (SdkException e) {
                failed.put(node, AwsErrors.translate(ssmOperation, e));
            }
        }
        for (List<String> batch : Batches.of(targets.ec2().keySet(), EC2_BATCH)) {
            try {
                ec2Write.accept(batch);
            } catch (SdkException e) {
                CloudException error = AwsErrors.translate(ec2Operation, e);
                batch.forEach(id -> failed.put(targets.ec2().get(id), error));
            }
        }
        for (List<String> batch : Batches.of(targets.arns().keySet(), TAGGING_BATCH)) {
            try {
                BatchAnswer answer = taggingWrite.apply(batch);
                answer.failed().forEach((arn, info) -> failed.put(targets.arns().getOrDefault(arn, arn),
                        AwsErrors.failure(taggingOperation, info.errorCodeAsString(),
                                info.statusCode() == null ? 0 : info.statusCode(), info.errorMessage(), answer.requestId())));
            } catch (SdkException e) {
                CloudException error = AwsErrors.translate(taggingOperation, e);
                batch.forEach(arn -> failed.put(targets.arns().get(arn), error));
            }
        }
        return new TagWriteResult(failed);
    }

    /**
     * Where each resource is written, keyed by the id sent to the API, valued by the resource's own id.
     * {@code mi-…} ids are SSM's managed nodes outside EC2, tagged in SSM; anything else not named by an ARN is
     * an EC2 id; EC2 ARNs of the five types are written through EC2 under their short ids, every other ARN
     * through the Tagging API.
     */
    private record Targets(Map<String, String> ec2, Map<String, String> arns, Set<String> managedNodes) {
        static Targets of(Collection<ResourceRef> resources) {
            Map<String, String> ec2 = new LinkedHashMap<>();
            Map<String, String> arns = new LinkedHashMap<>();
            Set<String> managedNodes = new LinkedHashSet<>();
            for (ResourceRef resource : resources) {
                String id = resource.id();
                var ec2Id = Ec2Type.resolve(id);
                if (ec2Id.isPresent()) {
                    ec2.putIfAbsent(ec2Id.get().shortId(), id);
                } else if (id.startsWith(MANAGED_NODE_PREFIX)) {
                    managedNodes.add(id);
                } else if (Arn.parse(id).isPresent()) {
                    arns.putIfAbsent(id, id);
                } else {
                    ec2.putIfAbsent(id, id);
                }
            }
            return new Targets(ec2, arns, managedNodes);
        }
    }

    /**
     * Fills the account where an answer left it out (DescribeVolumes gives no owner; S3 ARNs name none)
     * with the account of the other resources: every answer here is about the caller's own account.
     */
    private static List<ResourceRef> withAccount(Collection<ResourceRef> resources) {
        String account = resources.stream().map(ResourceRef::account).filter(a -> !a.isEmpty()).findFirst().orElse("");
        return resources.stream()
                .map(r -> !r.account().isEmpty() || account.isEmpty() ? r
                        : new ResourceRef(r.cloud(), account, r.region(), r.type(), r.id(), r.name(), r.tags()))
                .toList();
    }
}
