package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.tags.TagCompliancePolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tag-compliance policies and the tagged resources they judge, for tests. A policy is written as the
 * {@code tagCompliance} section of an AWS policy file, so it reads like the one an operator deploys:
 * {@code tagPolicy("resourceTypes: [ec2:instance]\nrequired: [{key: owner}]")}. A resource is written
 * as its id and its tags: {@code instance("i-web", "owner", "alice")}.
 */
public final class TagPolicies {
    public static final String INSTANCE = "ec2:instance";
    public static final String VOLUME = "ec2:volume";

    private TagPolicies() {
    }

    public static TagCompliancePolicy tagPolicy(String tagComplianceYaml) {
        return PolicyLoader.parse("version: 1\ncloud: aws\ntagCompliance:\n" + tagComplianceYaml.indent(2), "test policy")
                .section(TagCompliancePolicy.class).orElseThrow();
    }

    /** An EC2 instance in {@link Firewalls#ACCOUNT} and {@link Firewalls#REGION}; tags as key, value, key, value … */
    public static ResourceRef instance(String id, String... tags) {
        return resource(INSTANCE, id, tags);
    }

    public static ResourceRef volume(String id, String... tags) {
        return resource(VOLUME, id, tags);
    }

    public static ResourceRef resource(String type, String id, String... tags) {
        return resource(type, id, pairs(tags));
    }

    public static ResourceRef resource(String type, String id, Map<String, String> tags) {
        return new ResourceRef(CloudId.AWS, Firewalls.ACCOUNT, Firewalls.REGION, type, id, "", Tags.of(tags));
    }

    public static Map<String, String> pairs(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in key, value pairs: " + String.join(", ", keyValues));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.put(keyValues[i], keyValues[i + 1]);
        }
        return tags;
    }
}
