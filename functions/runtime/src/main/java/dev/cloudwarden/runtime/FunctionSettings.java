package dev.cloudwarden.runtime;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.catalog.Operations;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.trigger.EventFields;
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
 *       (default: the platform's, {@code /var/task/policy.yaml} on Lambda);</li>
 *   <li>{@code CLOUDWARDEN_OPERATION} — the operation this function runs ({@code security-group-audit}, {@code snapshot-lifecycle},
 *       {@code tag-compliance}, {@code patch-baselines}); may be left out when the policy declares only one;</li>
 *   <li>{@code CLOUDWARDEN_DRY_RUN=true} — force dry-run whatever the policy says;</li>
 *   <li>the platform's findings-export switch ({@code CLOUDWARDEN_SECURITY_HUB=true} on AWS) — after each run, export
 *       its findings to the cloud's security-findings service in the function's region (see {@link FunctionRunner});</li>
 *   <li>the platform's region variable ({@code AWS_REGION}, set by Lambda); {@code CLOUDWARDEN_ENDPOINT} — an endpoint
 *       override (emulators only).</li>
 * </ul>
 * Every setting is checked before anything is built from it, and every problem found is reported at once, one sentence
 * each ({@link InvalidSettingsException}): a region that is not one of the cloud's region names (its provider module's
 * {@code CloudNames} say), an endpoint that is not an absolute http(s) URL, an unknown operation, a switch that is
 * neither true nor false. (An invalid policy is reported by the policy loader, with each of its errors.)
 *
 * @param exportFindings whether to export every run's findings ({@link Platform#findingsExport()})
 */
record FunctionSettings(Policy policy, String operation, String region, Optional<URI> endpoint, boolean dryRun,
                        boolean exportFindings) {

    static FunctionSettings from(Map<String, String> env, Platform platform) {
        String inline = env.get("CLOUDWARDEN_POLICY");
        Policy policy = inline != null && !inline.isBlank()
                ? PolicyLoader.parse(inline, "from CLOUDWARDEN_POLICY")
                : PolicyLoader.load(Path.of(env.getOrDefault("CLOUDWARDEN_POLICY_FILE", platform.defaultPolicyFile())));
        List<String> problems = new ArrayList<>();
        String variable = platform.regionVariable();
        Optional<String> envRegion = Optional.ofNullable(env.get(variable)).filter(r -> !r.isBlank());
        String region = envRegion.or(policy::region).orElse("");
        if (region.isEmpty()) {
            problems.add(variable + " is not set and the policy names no region");
        } else {
            EventFields.regionProblem(Providers.find(platform.events().cloud()).names(), region).ifPresent(problem ->
                    problems.add((envRegion.isPresent() ? variable : "the policy's region") + ": " + problem));
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
        // a platform without an export does not read its switch at all
        boolean exportFindings = platform.findingsExport().map(export -> flag(env, export.switchVariable(), problems)).orElse(false);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new FunctionSettings(policy, operation, region, endpoint, dryRun, exportFindings);
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
        problems.add(name + " must be true or false, not '" + EventFields.safe(value) + "'");
        return false;
    }
}
