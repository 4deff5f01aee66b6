package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.CloudProviderFactory;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.ProviderConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The in-memory cloud's naming rules, for core's tests: keys up to 128 characters and values up to 256, keys starting
 * with {@code mem:} or {@code aws:} reserved, regions shaped {@code xx-name-1} (as AWS's) or {@code name-name1} (as
 * GCP's), topics that start {@code topic:} or are ARNs, roles of principals written {@code role/NAME/SESSION} (or an
 * assumed-role ARN), and cloudwarden's bookkeeping tags verbatim. Real clouds' rules are their providers' and are
 * tested there; these are strict enough to show that core asks, and that it reports what it is told.
 */
public final class InMemoryNames implements CloudNames {
    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z]+)+-?\\d+");
    private static final List<String> OPERATING_SYSTEMS = List.of("WINDOWS", "AMAZON_LINUX_2", "AMAZON_LINUX_2023", "UBUNTU",
            "REDHAT_ENTERPRISE_LINUX", "MACOS");
    private static final Set<String> FILTER_KEYS = Set.of("ARCH", "CLASSIFICATION", "SEVERITY", "MSRC_SEVERITY", "PRODUCT",
            "PATCH_SET", "PRIORITY", "SECTION");

    private static final Pattern BASELINE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,128}");
    private static final Set<String> SSM_FIELDS = ssmFields();

    private final CloudId cloud;
    private final boolean caseInsensitiveKeys;

    public InMemoryNames(CloudId cloud) {
        this(cloud, false);
    }

    /** @param caseInsensitiveKeys keys that differ only in case are one key, as on Azure */
    public InMemoryNames(CloudId cloud, boolean caseInsensitiveKeys) {
        this.cloud = cloud;
        this.caseInsensitiveKeys = caseInsensitiveKeys;
    }

    @Override
    public CloudId cloud() {
        return cloud;
    }

    @Override
    public Optional<String> tagKeyProblem(String key) {
        if (key.length() > 128) {
            return Optional.of("a tag key has at most 128 characters, got " + key.length());
        }
        return reservedKey(key) ? Optional.of("keys starting with " + key.substring(0, key.indexOf(':') + 1)
                + " are reserved by the cloud and cannot be set") : Optional.empty();
    }

    @Override
    public Optional<String> tagValueProblem(String value) {
        return value.length() > 256 ? Optional.of("a tag value has at most 256 characters, got " + value.length()) : Optional.empty();
    }

    @Override
    public boolean reservedKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith("mem:") || lower.startsWith("aws:");
    }

    @Override
    public boolean caseInsensitiveKeys() {
        return caseInsensitiveKeys;
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
        return REGION.matcher(region).matches() ? Optional.empty()
                : Optional.of("expected a region such as us-west-2 or europe-west1, got \"" + region + "\"");
    }

    @Override
    public Optional<String> topicProblem(String topic) {
        return topic.startsWith("topic:") || topic.startsWith("arn:") ? Optional.empty()
                : Optional.of("expected a topic (topic:NAME or an ARN), got \"" + topic + "\"");
    }

    @Override
    public Optional<String> actingRole(String principal) {
        int start = principal.indexOf(":assumed-role/");
        String rest = start >= 0 ? principal.substring(start + ":assumed-role/".length())
                : principal.startsWith("role/") ? principal.substring("role/".length()) : null;
        if (rest == null) {
            return Optional.empty();
        }
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

    /** Standing in for AWS, the in-memory cloud keeps baselines as SSM does; for the others, only the neutral fields. */
    @Override
    public Set<String> patchFields() {
        return cloud == CloudId.AWS ? SSM_FIELDS : PatchBaseline.NEUTRAL_FIELDS;
    }

    @Override
    public List<String> patchGroupTags() {
        return cloud == CloudId.AWS ? List.of("Patch Group", "PatchGroup") : List.of();
    }

    @Override
    public String patchAssessment() {
        return cloud == CloudId.AWS ? "AWS-RunPatchBaseline (Operation=Scan)" : CloudNames.super.patchAssessment();
    }

    @Override
    public Optional<String> patchBaselineNameProblem(String name) {
        return BASELINE_NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("expected 3 to 128 letters, digits, '.', '_' or '-' (SSM's baseline names), got \"" + name + "\"");
    }

    /**
     * Registered for core's own tests (and left out of core's test-jar, whose users have real providers): the in-memory
     * cloud stands in for each cloud, so that a policy for any of them loads in core's tests.
     */
    public abstract static class Factory implements CloudProviderFactory {
        private final CloudId cloud;

        Factory(CloudId cloud) {
            this.cloud = cloud;
        }

        @Override
        public CloudId cloud() {
            return cloud;
        }

        @Override
        public CloudNames names() {
            return new InMemoryNames(cloud);
        }

        @Override
        public CloudProvider create(ProviderConfig config) {
            return new InMemoryCloud(cloud, config.region());
        }
    }

    public static final class AwsFactory extends Factory {
        public AwsFactory() {
            super(CloudId.AWS);
        }
    }

    public static final class AzureFactory extends Factory {
        public AzureFactory() {
            super(CloudId.AZURE);
        }
    }

    public static final class GcpFactory extends Factory {
        public GcpFactory() {
            super(CloudId.GCP);
        }
    }

    private static Set<String> ssmFields() {
        Set<String> fields = new java.util.HashSet<>(PatchBaseline.NEUTRAL_FIELDS);
        fields.removeAll(Set.of("reboot", "schedule"));
        fields.addAll(Set.of("default", "globalFilters", "approveAfterDays", "approveUntilDate", "complianceLevel", "enableNonSecurity",
                "approvedPatchesComplianceLevel", "approvedPatchesEnableNonSecurity", "rejectedPatchesAction", "sources"));
        return Set.copyOf(fields);
    }
}
