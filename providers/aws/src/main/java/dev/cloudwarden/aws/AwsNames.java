package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.PatchBaseline;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS's naming rules. Tags: keys up to 128 and values up to 256 Unicode characters, case-sensitive, 50 a resource;
 * keys starting with {@code aws:} are written by AWS only. cloudwarden's own tags are {@code cloudwarden:<name>} with
 * their values as they are. Regions by shape ({@link AwsRegions}), topics as SNS topic ARNs, and a principal acts as a
 * role when it is an assumed-role session ({@code arn:aws:sts::123456789012:assumed-role/ROLE/SESSION}).
 */
public final class AwsNames implements CloudNames {
    public static final AwsNames INSTANCE = new AwsNames();

    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;
    private static final String RESERVED_PREFIX = "aws:";
    private static final String ASSUMED_ROLE = ":assumed-role/";
    /** SSM's operating systems (the OperatingSystem enum of the API model). */
    private static final List<String> OPERATING_SYSTEMS = List.of("WINDOWS", "AMAZON_LINUX", "AMAZON_LINUX_2", "AMAZON_LINUX_2022",
            "AMAZON_LINUX_2023", "UBUNTU", "REDHAT_ENTERPRISE_LINUX", "SUSE", "CENTOS", "ORACLE_LINUX", "DEBIAN", "MACOS",
            "RASPBIAN", "ROCKY_LINUX", "ALMA_LINUX");
    private static final Pattern BASELINE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,128}");
    private static final List<String> PATCH_GROUP_TAGS = List.of("Patch Group", "PatchGroup");
    private static final Set<String> PATCH_FIELDS = patchFields(Set.of("default", "globalFilters", "approveAfterDays",
            "approveUntilDate", "complianceLevel", "enableNonSecurity", "approvedPatchesComplianceLevel",
            "approvedPatchesEnableNonSecurity", "rejectedPatchesAction", "sources"));
    /** SSM's patch filter keys (PatchFilterKey). */
    private static final Set<String> FILTER_KEYS = Set.of("ARCH", "ADVISORY_ID", "BUGZILLA_ID", "PATCH_SET", "PRODUCT", "PRODUCT_FAMILY",
            "CLASSIFICATION", "CVE_ID", "EPOCH", "MSRC_SEVERITY", "NAME", "PATCH_ID", "SECTION", "PRIORITY", "REPOSITORY",
            "RELEASE", "SEVERITY", "SECURITY", "VERSION");

    private AwsNames() {
    }

    @Override
    public CloudId cloud() {
        return CloudId.AWS;
    }

    @Override
    public Optional<String> tagKeyProblem(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return Optional.of("a tag key has at most " + MAX_KEY_LENGTH + " characters, got " + key.length());
        }
        if (reservedKey(key)) {
            return Optional.of("keys starting with aws: are reserved by AWS and cannot be set");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> tagValueProblem(String value) {
        return value.length() > MAX_VALUE_LENGTH
                ? Optional.of("a tag value has at most " + MAX_VALUE_LENGTH + " characters, got " + value.length())
                : Optional.empty();
    }

    @Override
    public boolean reservedKey(String key) {
        return key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX);
    }

    @Override
    public boolean caseInsensitiveKeys() {
        return false;
    }

    @Override
    public int maxTagsPerResource() {
        return 50;
    }

    @Override
    public String instanceType() {
        return "ec2:instance";
    }

    @Override
    public Optional<String> regionProblem(String region) {
        return AwsRegions.isRegion(region) ? Optional.empty()
                : Optional.of("expected an AWS region " + AwsRegions.EXAMPLES + ", got \"" + region + "\"");
    }

    @Override
    public Optional<String> topicProblem(String topic) {
        return Arn.parse(topic).filter(arn -> arn.service().equals("sns")).isPresent() ? Optional.empty()
                : Optional.of("expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"" + topic + "\"");
    }

    @Override
    public Optional<String> actingRole(String principal) {
        int start = principal.indexOf(ASSUMED_ROLE);
        if (start < 0 || !principal.startsWith("arn:")) {
            return Optional.empty();
        }
        String rest = principal.substring(start + ASSUMED_ROLE.length());
        return Optional.of(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
    }

    @Override
    public BookkeepingTags bookkeeping() {
        return BookkeepingTags.VERBATIM;
    }

    @Override
    public List<String> patchOperatingSystems() {
        return OPERATING_SYSTEMS;
    }

    @Override
    public Set<String> patchFilterKeys() {
        return FILTER_KEYS;
    }

    @Override
    public List<String> regionVariables() {
        return List.of("AWS_REGION", "AWS_DEFAULT_REGION");
    }

    @Override
    public String patchAssessment() {
        return "AWS-RunPatchBaseline (Operation=Scan)";
    }

    @Override
    public Optional<String> patchBaselineNameProblem(String name) {
        return BASELINE_NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("expected 3 to 128 letters, digits, '.', '_' or '-' (SSM's baseline names), got \"" + name + "\"");
    }

    /** SSM reads an instance's patch group from either spelling. */
    @Override
    public List<String> patchGroupTags() {
        return PATCH_GROUP_TAGS;
    }

    /**
     * What an SSM baseline keeps: the neutral fields but the reboot setting and the schedule (which belong to a
     * maintenance window, not to a baseline), and SSM's own: approval delays and compliance levels, non-security updates,
     * global filters, alternative sources, what a rejected patch may still do, and each operating system's default.
     */
    @Override
    public Set<String> patchFields() {
        return PATCH_FIELDS;
    }

    private static Set<String> patchFields(Set<String> ssmOnly) {
        Set<String> fields = new HashSet<>(PatchBaseline.NEUTRAL_FIELDS);
        fields.removeAll(Set.of("reboot", "schedule"));
        fields.addAll(ssmOnly);
        return Set.copyOf(fields);
    }
}
