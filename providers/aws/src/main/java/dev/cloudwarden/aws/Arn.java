package dev.cloudwarden.aws;

import java.util.Map;
import java.util.Optional;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account:resource}, split into its parts.
 * The resource part is {@code type/id}, {@code type:id} or, for a few services, a bare name.
 */
record Arn(String partition, String service, String region, String account, String resource) {
    /** Services whose ARNs name the resource without a type segment, and the type the Tagging API gives them. */
    private static final Map<String, String> IMPLICIT_TYPES = Map.of("s3", "bucket", "sns", "topic", "sqs", "queue");

    static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** The resource type in the ARN ({@code instance}, {@code function}), or empty for a bare name. */
    String resourceType() {
        int end = typeEnd();
        return end < 0 ? "" : resource.substring(0, end);
    }

    /** What follows the type: {@code i-0abc} in {@code instance/i-0abc}; the whole resource for a bare name. */
    String resourceId() {
        int end = typeEnd();
        return end < 0 ? resource : resource.substring(end + 1);
    }

    /** The type in the Tagging API's spelling, {@code service:type} ({@code ec2:instance}, {@code sns:topic}). */
    String taggingType() {
        String type = resourceType();
        if (type.isEmpty()) {
            type = IMPLICIT_TYPES.getOrDefault(service, "");
        }
        return type.isEmpty() ? service : service + ":" + type;
    }

    /** The last segment of the resource: a topic's, bucket's or function's own name. */
    String lastSegment() {
        int cut = Math.max(resource.lastIndexOf('/'), resource.lastIndexOf(':'));
        return resource.substring(cut + 1);
    }

    private int typeEnd() {
        int slash = resource.indexOf('/');
        int colon = resource.indexOf(':');
        if (slash < 0) {
            return colon;
        }
        return colon < 0 ? slash : Math.min(slash, colon);
    }
}
