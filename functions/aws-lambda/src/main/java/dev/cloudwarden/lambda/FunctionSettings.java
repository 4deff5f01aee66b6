package dev.cloudwarden.lambda;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.aws.AwsRegions;
import dev.cloudwarden.core.Operations;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.policy.PolicyLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Every setting is checked before anything is built from it, and every problem found is reported at once, one sentence
 * each ({@link InvalidSettingsException}): a region that is not an AWS region name, an endpoint that is not an absolute
 * http(s) URL, an unknown operation, a switch that is neither true nor false. (An invalid policy is reported by the
 * policy loader, with each of its errors.)
 */
record FunctionSettings(Policy policy, String operation, String region, Optional<URI> endpoint, boolean dryRun,
                        boolean securityHub) {
    static final String DEFAULT_POLICY_FILE = "/var/task/policy.yaml";

    static FunctionSettings from(Map<String, String> env) {
        String inline = env.get("CLOUDWARDEN_POLICY");
        Policy policy = inline != null && !inline.isBlank()
                ? PolicyLoader.parse(inline, "from CLOUDWARDEN_POLICY")
                : PolicyLoader.load(Path.of(env.getOrDefault("CLOUDWARDEN_POLICY_FILE", DEFAULT_POLICY_FILE)));
        List<String> problems = new ArrayList<>();
        Optional<String> envRegion = Optional.ofNullable(env.get("AWS_REGION")).filter(r -> !r.isBlank());
        String region = envRegion.or(policy::region).orElse("");
        if (region.isEmpty()) {
            problems.add("AWS_REGION is not set and the policy names no region");
        } else if (!AwsRegions.isRegion(region)) {
            problems.add((envRegion.isPresent() ? "AWS_REGION" : "the policy's region") + " " + EventDecoder.quote(region) + " is not an AWS region name ("
                    + AwsRegions.EXAMPLES + ")");
        }
        Optional<URI> endpoint = Optional.empty();
        String endpointText = env.getOrDefault("CLOUDWARDEN_ENDPOINT", "");
        if (!endpointText.isBlank()) {
            try {
                endpoint = Optional.of(ProviderConfig.endpoint(endpointText));
            } catch (IllegalArgumentException e) {
                problems.add("CLOUDWARDEN_ENDPOINT: " + e.getMessage());
            }
        }
        String operation = "";
        try {
            operation = Operations.choose(policy, Optional.ofNullable(env.get("CLOUDWARDEN_OPERATION")).filter(s -> !s.isBlank()));
        } catch (IllegalArgumentException e) {
            problems.add("CLOUDWARDEN_OPERATION: " + e.getMessage());
        }
        boolean dryRun = flag(env, "CLOUDWARDEN_DRY_RUN", problems);
        boolean securityHub = flag(env, "CLOUDWARDEN_SECURITY_HUB", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new FunctionSettings(policy, operation, region, endpoint, dryRun, securityHub);
    }

    /**
     * {@code true} or {@code false} (either case), or unset or blank for false: anything else is a typo, refused at
     * start (a {@code CLOUDWARDEN_DRY_RUN=ture} must not quietly mean "change things").
     */
    private static boolean flag(Map<String, String> env, String name, List<String> problems) {
        String value = env.getOrDefault(name, "").strip();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(name + " must be true or false, not '" + EventDecoder.safe(value) + "'");
        return false;
    }
}
