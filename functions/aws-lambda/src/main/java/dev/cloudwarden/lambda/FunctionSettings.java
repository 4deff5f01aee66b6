package dev.cloudwarden.lambda;

import dev.cloudwarden.core.Operations;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.policy.PolicyLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The function's settings, all from environment variables:
 * <ul>
 *   <li>{@code CLOUDWARDEN_POLICY} — the policy itself (YAML or JSON), as Terraform's {@code file()} puts it; or</li>
 *   <li>{@code CLOUDWARDEN_POLICY_FILE} — a path to it, in the deployment package or a layer
 *       (default {@code /var/task/policy.yaml});</li>
 *   <li>{@code CLOUDWARDEN_OPERATION} — the operation this function runs ({@code security-group-audit}, {@code snapshot-lifecycle},
 *       {@code tag-compliance}); may be left out when the policy declares only one;</li>
 *   <li>{@code CLOUDWARDEN_DRY_RUN=true} — force dry-run whatever the policy says;</li>
 *   <li>{@code CLOUDWARDEN_SECURITY_HUB=true} — after each run, export its findings to AWS Security Hub in the
 *       function's region (ASFF; see {@link AuditFunction}); Security Hub must be enabled there, and the role needs
 *       securityhub:DescribeHub, securityhub:BatchImportFindings and securityhub:GetFindings;</li>
 *   <li>{@code AWS_REGION} — set by Lambda; {@code CLOUDWARDEN_ENDPOINT} — an endpoint override (emulators only).</li>
 * </ul>
 */
record FunctionSettings(Policy policy, String operation, String region, Optional<URI> endpoint, boolean dryRun,
                        boolean securityHub) {
    static final String DEFAULT_POLICY_FILE = "/var/task/policy.yaml";

    static FunctionSettings from(Map<String, String> env) {
        String inline = env.get("CLOUDWARDEN_POLICY");
        Policy policy = inline != null && !inline.isBlank()
                ? PolicyLoader.parse(inline, "from CLOUDWARDEN_POLICY")
                : PolicyLoader.load(Path.of(env.getOrDefault("CLOUDWARDEN_POLICY_FILE", DEFAULT_POLICY_FILE)));
        String region = Optional.ofNullable(env.get("AWS_REGION")).filter(r -> !r.isBlank())
                .or(policy::region)
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set and the policy names no region"));
        Optional<URI> endpoint = Optional.ofNullable(env.get("CLOUDWARDEN_ENDPOINT")).filter(s -> !s.isBlank()).map(URI::create);
        String operation;
        try {
            operation = Operations.choose(policy, Optional.ofNullable(env.get("CLOUDWARDEN_OPERATION")).filter(s -> !s.isBlank()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CLOUDWARDEN_OPERATION: " + e.getMessage(), e);
        }
        return new FunctionSettings(policy, operation, region, endpoint, flag(env, "CLOUDWARDEN_DRY_RUN"),
                flag(env, "CLOUDWARDEN_SECURITY_HUB"));
    }

    /**
     * {@code true} or {@code false} (either case), or unset or blank for false: anything else is a typo, refused at
     * start (a {@code CLOUDWARDEN_DRY_RUN=ture} must not quietly mean "change things").
     */
    private static boolean flag(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "").strip();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalStateException(name + " must be true or false, not '" + value + "'");
    }
}
