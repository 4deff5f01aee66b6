package dev.cloudwarden.api;

import java.util.Objects;

/**
 * Where a resource lives and what it is called, for every cloud. {@code id} is the cloud's native id
 * (an AWS group id, an Azure resource id, a GCP self link); {@code account} is the AWS account, the
 * Azure subscription or the GCP project.
 */
public record ResourceRef(CloudId cloud, String account, String region, String type, String id, String name,
                          Tags tags) {
    public ResourceRef {
        Objects.requireNonNull(cloud, "cloud");
        account = Objects.requireNonNullElse(account, "");
        region = Objects.requireNonNullElse(region, "");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        tags = Objects.requireNonNullElse(tags, Tags.NONE);
    }
}
