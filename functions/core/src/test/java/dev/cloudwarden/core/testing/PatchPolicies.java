package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchComplianceOps.ManagedInstance;
import dev.cloudwarden.api.PatchComplianceOps.PatchState;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Patch-baselines policies, baselines and the managed instances they judge, for tests. A policy is written as
 * the {@code patchBaselines} section of an AWS policy file, so it reads like the one an operator deploys:
 * {@code patchPolicy("baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, …}]")}; a baseline's
 * content is written as one entry of {@code baselines}: {@code content("name: web\noperatingSystem: WINDOWS\n…")}.
 * An instance is written the way an operator describes it: {@code managed("i-web-1").group("web").build()}, and its
 * last patch state: {@code state("i-web-1", "web").scannedAt("2026-11-29T02:00:00Z").critical(2).build()}.
 * Everything lives in {@link Firewalls#ACCOUNT} and {@link Firewalls#REGION}.
 */
public final class PatchPolicies {
    public static final String INSTANCE_TYPE = "ec2:instance";
    /** The tag key SSM reads an instance's patch group from, in the policy's default spelling. */
    public static final String PATCH_GROUP = "Patch Group";

    private PatchPolicies() {
    }

    /** The {@code patchBaselines} section of an AWS policy, in YAML. */
    public static PatchBaselinesPolicy patchPolicy(String patchBaselinesYaml) {
        return PolicyLoader.parse("version: 1\ncloud: aws\npatchBaselines:\n" + patchBaselinesYaml.indent(2), "test policy")
                .section(PatchBaselinesPolicy.class).orElseThrow();
    }

    /** The content of one baseline, written as one entry of a policy's {@code baselines} in block YAML. */
    public static PatchBaseline content(String baselineYaml) {
        String entry = "- " + baselineYaml.stripIndent().strip().replace("\n", "\n  ");
        return patchPolicy("baselines:\n" + entry.indent(2)).baselines().getFirst().content();
    }

    public static ManagedInstanceBuilder managed(String id) {
        return new ManagedInstanceBuilder(id);
    }

    public static PatchStateBuilder state(String instanceId, String patchGroup) {
        return new PatchStateBuilder(instanceId, patchGroup);
    }

    /** An online Linux EC2 instance without a tag until told otherwise. */
    public static final class ManagedInstanceBuilder {
        private final String id;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private boolean online = true;
        private String platform = "Linux";
        private String platformName = "Amazon Linux";

        private ManagedInstanceBuilder(String id) {
            this.id = id;
        }

        /** Its patch group, under the tag key {@value #PATCH_GROUP}. */
        public ManagedInstanceBuilder group(String patchGroup) {
            return tag(PATCH_GROUP, patchGroup);
        }

        public ManagedInstanceBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Its agent has not answered lately (SSM ping status ConnectionLost). */
        public ManagedInstanceBuilder offline() {
            this.online = false;
            return this;
        }

        public ManagedInstanceBuilder platform(String family, String name) {
            this.platform = family;
            this.platformName = name;
            return this;
        }

        public ManagedInstance build() {
            return new ManagedInstance(new ResourceRef(CloudId.AWS, Firewalls.ACCOUNT, Firewalls.REGION, INSTANCE_TYPE, id, "",
                    Tags.of(tags)), platform, platformName, online, Optional.empty());
        }
    }

    /** A scan that ended at the start of 2026-11-29 and found everything installed, until told otherwise. */
    public static final class PatchStateBuilder {
        private final String instanceId;
        private final String patchGroup;
        private String baselineId = "pb-1";
        private String operation = "Scan";
        private Instant operationEnd = Instant.parse("2026-11-29T00:00:00Z");
        private int installed = 40;
        private int pendingReboot;
        private int missing;
        private int failed;
        private int critical;
        private int security;
        private int other;

        private PatchStateBuilder(String instanceId, String patchGroup) {
            this.instanceId = instanceId;
            this.patchGroup = patchGroup;
        }

        public PatchStateBuilder baseline(String id) {
            this.baselineId = id;
            return this;
        }

        public PatchStateBuilder scannedAt(String instant) {
            this.operation = "Scan";
            this.operationEnd = Instant.parse(instant);
            return this;
        }

        public PatchStateBuilder installedAt(String instant) {
            this.operation = "Install";
            this.operationEnd = Instant.parse(instant);
            return this;
        }

        public PatchStateBuilder critical(int n) {
            this.critical = n;
            return this;
        }

        public PatchStateBuilder security(int n) {
            this.security = n;
            return this;
        }

        public PatchStateBuilder failed(int n) {
            this.failed = n;
            return this;
        }

        public PatchStateBuilder missing(int n) {
            this.missing = n;
            return this;
        }

        public PatchStateBuilder pendingReboot(int n) {
            this.pendingReboot = n;
            return this;
        }

        public PatchStateBuilder other(int n) {
            this.other = n;
            return this;
        }

        public PatchState build() {
            return new PatchState(instanceId, patchGroup, baselineId, operation, operationEnd, installed, pendingReboot, missing,
                    failed, critical, security, other);
        }
    }
}
