package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

/**
 * Reads through the Resource Groups Tagging API's GetResources: any taggable resource of any service,
 * but only those that have (or once had) a tag. EC2 resources of the {@link Ec2Type}s come back under
 * their short ids, so that they meet the same resources read through {@link Ec2Inventory}.
 */
final class TagIndex {
    /** GetResources' largest page. */
    static final int RESOURCES_PER_PAGE = 100;
    /** GetResources accepts up to 100 entries in ResourceTypeFilters, and up to 100 in ResourceARNList. */
    static final int MAX_FILTERS = 100;

    private final Supplier<ResourceGroupsTaggingApiClient> tagging;
    private final String region;

    TagIndex(Supplier<ResourceGroupsTaggingApiClient> tagging, String region) {
        this.tagging = tagging;
        this.region = region;
    }

    /** Every tagged resource of these types: one paged stream, following PaginationToken to its end. */
    List<ResourceRef> byTypes(Collection<String> types) {
        List<ResourceRef> found = new ArrayList<>();
        for (List<String> chunk : Batches.of(types, MAX_FILTERS)) {
            AwsErrors.run("tag:GetResources", () -> tagging.get()
                    .getResourcesPaginator(r -> r.resourceTypeFilters(chunk).resourcesPerPage(RESOURCES_PER_PAGE))
                    .resourceTagMappingList()
                    .forEach(mapping -> found.add(toRef(mapping))));
        }
        return found;
    }

    /**
     * The tagged resources among these ARNs; one that does not exist is left out by the API itself. A
     * request naming ARNs may carry no paging parameter, and answers in one page.
     */
    List<ResourceRef> byArns(Collection<String> arns) {
        List<ResourceRef> found = new ArrayList<>();
        for (List<String> chunk : Batches.of(arns, MAX_FILTERS)) {
            AwsErrors.run("tag:GetResources", () -> tagging.get().getResources(r -> r.resourceARNList(chunk))
                    .resourceTagMappingList()
                    .forEach(mapping -> found.add(toRef(mapping))));
        }
        return found;
    }

    private ResourceRef toRef(ResourceTagMapping mapping) {
        Arn arn = Arn.parse(mapping.resourceARN()).orElseThrow(() -> new IllegalStateException(
                "GetResources returned a resource that is not named by an ARN: " + mapping.resourceARN()));
        Map<String, String> values = new HashMap<>();
        for (Tag tag : mapping.tags()) {
            values.put(tag.key(), tag.value());
        }
        Tags tags = Tags.of(values);
        // S3 and IAM ARNs name no region: such resources belong to the region they were listed from
        String where = arn.region().isEmpty() ? region : arn.region();
        Optional<Ec2Type> ec2 = Ec2Type.ofArn(arn);
        if (ec2.isPresent()) {
            return new ResourceRef(CloudId.AWS, arn.account(), where, ec2.get().type(), arn.resourceId(),
                    tags.get("Name").orElse(""), tags);
        }
        return new ResourceRef(CloudId.AWS, arn.account(), where, arn.taggingType(), mapping.resourceARN(),
                arn.lastSegment(), tags);
    }
}
