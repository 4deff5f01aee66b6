package dev.cloudwarden.aws;

import java.util.Arrays;
import java.util.Optional;

/**
 * The EC2 resource types that {@link AwsTags} lists with EC2's own Describe calls, which also return
 * resources that never had a tag. Each knows its Tagging API spelling, the type segment of its ARN,
 * the prefix of its short id and the Describe filter that selects it by id.
 */
enum Ec2Type {
    INSTANCE("instance", "i-", "instance-id"),
    VOLUME("volume", "vol-", "volume-id"),
    SNAPSHOT("snapshot", "snap-", "snapshot-id"),
    SECURITY_GROUP("security-group", "sg-", "group-id"),
    IMAGE("image", "ami-", "image-id");

    private final String arnType;
    private final String idPrefix;
    private final String idFilter;

    Ec2Type(String arnType, String idPrefix, String idFilter) {
        this.arnType = arnType;
        this.idPrefix = idPrefix;
        this.idFilter = idFilter;
    }

    /** {@code ec2:instance}, {@code ec2:security-group}: the Tagging API's spelling. */
    String type() {
        return "ec2:" + arnType;
    }

    String idFilter() {
        return idFilter;
    }

    static Optional<Ec2Type> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type().equals(type)).findFirst();
    }

    /** The type of a short id such as {@code vol-0abc}; empty for any other text (ARNs included). */
    static Optional<Ec2Type> ofShortId(String id) {
        return Arrays.stream(values()).filter(t -> id.startsWith(t.idPrefix)).findFirst();
    }

    static Optional<Ec2Type> ofArn(Arn arn) {
        if (!arn.service().equals("ec2")) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.arnType.equals(arn.resourceType())).findFirst();
    }

    /**
     * The short id of one of these resources, given as a short id or as an ARN; empty when the id
     * names anything else.
     */
    static Optional<Ec2Id> resolve(String id) {
        Optional<Arn> arn = Arn.parse(id);
        if (arn.isPresent()) {
            return ofArn(arn.get()).map(type -> new Ec2Id(type, arn.get().resourceId()));
        }
        return ofShortId(id).map(type -> new Ec2Id(type, id));
    }

    /** One EC2 resource by type and short id. */
    record Ec2Id(Ec2Type type, String shortId) {
    }
}
