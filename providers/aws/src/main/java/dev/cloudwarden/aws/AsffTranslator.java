package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.SecurityFinding;
import dev.cloudwarden.api.SecurityFinding.Category;
import dev.cloudwarden.api.SecurityFinding.Compliance;
import dev.cloudwarden.api.SecurityFinding.State;
import dev.cloudwarden.api.Tags;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.FindingProviderFields;
import software.amazon.awssdk.services.securityhub.model.FindingProviderSeverity;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/**
 * The neutral {@link SecurityFinding} and Security Hub's {@link AwsSecurityFinding} (ASFF, schema 2018-10-08), both
 * ways, for one account's default product in one region.
 *
 * <ul>
 *   <li>Severity and Types go both at the top level (a new finding's) and in FindingProviderFields (how a finding
 *       provider updates them: the top-level ones belong to the customer once created).</li>
 *   <li>The resource's ASFF type where ASFF has one ({@code AwsEc2SecurityGroup}, {@code AwsEc2Volume},
 *       {@code AwsEc2Instance} …), else {@code Other}; its id the ARN where one can be built, else the native id.
 *       The neutral resource (type, native id, name, account) travels in ProductFields too, so that a finding read
 *       back imports again exactly as it was.</li>
 *   <li>Title, Description and ProductFields values are cut to ASFF's limits (256, 1,024 and 2,048 characters),
 *       times to milliseconds in UTC.</li>
 * </ul>
 */
final class AsffTranslator {
    static final String SCHEMA_VERSION = "2018-10-08";
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 1_024;
    static final int MAX_PRODUCT_FIELDS = 50;
    static final int MAX_PRODUCT_FIELD_KEY = 128;
    static final int MAX_PRODUCT_FIELD_VALUE = 2_048;
    static final int MAX_RESOURCE_TAGS = 50;
    static final String OTHER = "Other";

    /** ProductFields keys that carry the neutral resource; the service adds its own under {@code aws/}. */
    static final String RESOURCE_TYPE = "cloudwarden/resource/type";
    static final String RESOURCE_ID = "cloudwarden/resource/id";
    static final String RESOURCE_NAME = "cloudwarden/resource/name";
    static final String RESOURCE_ACCOUNT = "cloudwarden/resource/account";
    private static final Set<String> RESOURCE_KEYS = Set.of(RESOURCE_TYPE, RESOURCE_ID, RESOURCE_NAME, RESOURCE_ACCOUNT);

    /** cloudwarden's resource types that ASFF names, and how each one's ARN is built from its native id. */
    private static final Map<String, AsffType> TYPES = Map.ofEntries(
            Map.entry("ec2:security-group", new AsffType("AwsEc2SecurityGroup", "ec2", "security-group", true)),
            Map.entry("ec2:volume", new AsffType("AwsEc2Volume", "ec2", "volume", true)),
            Map.entry("ec2:instance", new AsffType("AwsEc2Instance", "ec2", "instance", true)),
            Map.entry("ec2:vpc", new AsffType("AwsEc2Vpc", "ec2", "vpc", true)),
            Map.entry("ec2:subnet", new AsffType("AwsEc2Subnet", "ec2", "subnet", true)),
            Map.entry("ec2:network-interface", new AsffType("AwsEc2NetworkInterface", "ec2", "network-interface", true)),
            // ASFF has no type of its own for these: Other, with the ARN (which names no account) as the id
            Map.entry("ec2:snapshot", new AsffType(OTHER, "ec2", "snapshot", false)),
            Map.entry("ec2:image", new AsffType(OTHER, "ec2", "image", false)),
            Map.entry("ssm:patchbaseline", new AsffType(OTHER, "ssm", "patchbaseline", true)),
            Map.entry("ssm:managed-instance", new AsffType(OTHER, "ssm", "managed-instance", true)),
            // the Tagging API's types: their ids are ARNs already
            Map.entry("s3:bucket", new AsffType("AwsS3Bucket", "", "", false)),
            Map.entry("sns:topic", new AsffType("AwsSnsTopic", "", "", false)),
            Map.entry("sqs:queue", new AsffType("AwsSqsQueue", "", "", false)),
            Map.entry("lambda:function", new AsffType("AwsLambdaFunction", "", "", false)),
            Map.entry("dynamodb:table", new AsffType("AwsDynamoDbTable", "", "", false)),
            Map.entry("iam:role", new AsffType("AwsIamRole", "", "", false)),
            Map.entry("rds:db", new AsffType("AwsRdsDbInstance", "", "", false)));

    private static final Map<Category, String> FINDING_TYPES = Map.of(
            Category.NETWORK_REACHABILITY, "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            Category.CONFIGURATION, "Software and Configuration Checks/AWS Security Best Practices",
            Category.VULNERABILITY, "Software and Configuration Checks/Vulnerabilities");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String partition;
    private final String region;
    private final String account;

    /**
     * @param account the calling account: BatchImportFindings takes the default product's findings only for it
     */
    AsffTranslator(String partition, String region, String account) {
        this.partition = partition;
        this.region = region;
        this.account = account;
    }

    String account() {
        return account;
    }

    /** The account's default product: how Security Hub files findings an account imports from its own tools. */
    String productArn() {
        return "arn:" + partition + ":securityhub:" + region + ":" + account + ":product/" + account + "/default";
    }

    AwsSecurityFinding toAsff(SecurityFinding f) {
        SeverityLabel label = label(f.severity());
        String original = f.severity().name().toLowerCase(Locale.ROOT);
        String type = FINDING_TYPES.get(f.category());
        return AwsSecurityFinding.builder()
                .schemaVersion(SCHEMA_VERSION)
                .id(f.id())
                .productArn(productArn())
                .generatorId(f.generator())
                .awsAccountId(account)
                .types(type)
                .createdAt(TIME.format(f.createdAt()))
                .updatedAt(TIME.format(f.updatedAt()))
                .severity(Severity.builder().label(label).original(original).build())
                .findingProviderFields(FindingProviderFields.builder()
                        .severity(FindingProviderSeverity.builder().label(label).original(original).build())
                        .types(type).build())
                .title(cut(f.title(), MAX_TITLE))
                .description(cut(f.description().isBlank() ? f.title() : f.description(), MAX_DESCRIPTION))
                .resources(resource(f.resource()))
                .compliance(c -> c.status(f.compliance() == Compliance.PASSED ? ComplianceStatus.PASSED : ComplianceStatus.FAILED))
                .recordState(f.state() == State.ARCHIVED ? RecordState.ARCHIVED : RecordState.ACTIVE)
                .productFields(productFields(f))
                .build();
    }

    /** A finding read back: what {@link #toAsff} wrote, or Security Hub's own fields where it wrote none. */
    SecurityFinding fromAsff(AwsSecurityFinding a) {
        FindingProviderFields provided = a.findingProviderFields();
        SeverityLabel label = provided != null && provided.severity() != null && provided.severity().label() != null
                ? provided.severity().label() : a.severity() == null ? null : a.severity().label();
        List<String> types = provided != null && provided.hasTypes() && !provided.types().isEmpty() ? provided.types() : a.types();
        Map<String, String> fields = a.hasProductFields() ? a.productFields() : Map.of();
        Map<String, String> properties = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (!RESOURCE_KEYS.contains(k) && !k.startsWith("aws/")) {
                properties.put(k, v);
            }
        });
        Instant updated = time(a.updatedAt());
        Instant created = time(a.createdAt());
        return new SecurityFinding(a.id(), a.generatorId(), severity(label), category(types), a.title(), a.description(),
                resource(a, fields), created.isAfter(updated) ? updated : created, updated,
                a.compliance() != null && a.compliance().status() == ComplianceStatus.PASSED ? Compliance.PASSED : Compliance.FAILED,
                a.recordState() == RecordState.ARCHIVED ? State.ARCHIVED : State.ACTIVE, properties);
    }

    private Resource resource(ResourceRef ref) {
        Optional<AsffType> known = Optional.ofNullable(TYPES.get(ref.type()));
        String where = ref.region().isEmpty() ? region : ref.region();
        String owner = ref.account().isEmpty() ? account : ref.account();
        Map<String, String> tags = new LinkedHashMap<>();
        ref.tags().values().entrySet().stream().limit(MAX_RESOURCE_TAGS).forEach(e -> tags.put(e.getKey(), e.getValue()));
        return Resource.builder()
                .type(known.map(AsffType::name).orElse(OTHER))
                .id(known.map(t -> t.arn(partition, where, owner, ref.id())).orElse(ref.id()))
                .partition(partition)
                .region(where)
                .tags(tags.isEmpty() ? null : tags)
                .build();
    }

    /** The neutral resource from the fields {@link #toAsff} wrote; from ASFF's own resource for anything else. */
    private ResourceRef resource(AwsSecurityFinding a, Map<String, String> fields) {
        Resource first = a.hasResources() && !a.resources().isEmpty() ? a.resources().getFirst() : Resource.builder().build();
        Tags tags = first.hasTags() ? Tags.of(first.tags()) : Tags.NONE;
        String region = first.region() == null ? "" : first.region();
        if (fields.containsKey(RESOURCE_TYPE) && fields.containsKey(RESOURCE_ID)) {
            return new ResourceRef(CloudId.AWS, fields.getOrDefault(RESOURCE_ACCOUNT, ""), region, fields.get(RESOURCE_TYPE),
                    fields.get(RESOURCE_ID), fields.getOrDefault(RESOURCE_NAME, ""), tags);
        }
        return new ResourceRef(CloudId.AWS, a.awsAccountId(), region, first.type() == null ? OTHER : first.type(),
                first.id() == null ? a.id() : first.id(), "", tags);
    }

    private static Map<String, String> productFields(SecurityFinding f) {
        Map<String, String> fields = new TreeMap<>();
        f.properties().forEach((k, v) -> {
            if (k.length() > MAX_PRODUCT_FIELD_KEY || RESOURCE_KEYS.contains(k) || k.startsWith("aws/")) {
                throw new IllegalArgumentException("finding " + f.id() + ": product field key '" + k
                        + "' is reserved or longer than " + MAX_PRODUCT_FIELD_KEY + " characters");
            }
            fields.put(k, cut(v, MAX_PRODUCT_FIELD_VALUE));
        });
        ResourceRef ref = f.resource();
        fields.put(RESOURCE_TYPE, ref.type());
        fields.put(RESOURCE_ID, cut(ref.id(), MAX_PRODUCT_FIELD_VALUE));
        if (!ref.name().isEmpty()) {
            fields.put(RESOURCE_NAME, cut(ref.name(), MAX_PRODUCT_FIELD_VALUE));
        }
        if (!ref.account().isEmpty()) {
            fields.put(RESOURCE_ACCOUNT, ref.account());
        }
        if (fields.size() > MAX_PRODUCT_FIELDS) {
            throw new IllegalArgumentException("finding " + f.id() + " has " + fields.size() + " product fields; ASFF takes "
                    + MAX_PRODUCT_FIELDS + " (" + RESOURCE_KEYS.size() + " of them for the resource)");
        }
        return fields;
    }

    static SeverityLabel label(SecurityFinding.Severity severity) {
        return switch (severity) {
            case INFO -> SeverityLabel.INFORMATIONAL;
            case LOW -> SeverityLabel.LOW;
            case MEDIUM -> SeverityLabel.MEDIUM;
            case HIGH -> SeverityLabel.HIGH;
            case CRITICAL -> SeverityLabel.CRITICAL;
        };
    }

    private static SecurityFinding.Severity severity(SeverityLabel label) {
        if (label == null) {
            return SecurityFinding.Severity.INFO;
        }
        return switch (label) {
            case LOW -> SecurityFinding.Severity.LOW;
            case MEDIUM -> SecurityFinding.Severity.MEDIUM;
            case HIGH -> SecurityFinding.Severity.HIGH;
            case CRITICAL -> SecurityFinding.Severity.CRITICAL;
            default -> SecurityFinding.Severity.INFO;
        };
    }

    private static Category category(List<String> types) {
        for (Map.Entry<Category, String> e : FINDING_TYPES.entrySet()) {
            if (types != null && types.contains(e.getValue())) {
                return e.getKey();
            }
        }
        return Category.CONFIGURATION;
    }

    /** ASFF times are RFC 3339; Security Hub writes them with milliseconds and a Z, others with an offset. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** At most {@code max} characters, ending in an ellipsis when cut, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * An ASFF resource type and the ARN of a resource of it: {@code arn:partition:service:region:account:kind/id};
     * without {@code kind}, the id is expected to be an ARN already.
     */
    private record AsffType(String name, String service, String kind, boolean accountInArn) {
        String arn(String partition, String region, String account, String id) {
            if (kind.isEmpty() || id.startsWith("arn:")) {
                return id;
            }
            return "arn:" + partition + ":" + service + ":" + region + ":" + (accountInArn ? account : "") + ":" + kind + "/" + id;
        }
    }
}
