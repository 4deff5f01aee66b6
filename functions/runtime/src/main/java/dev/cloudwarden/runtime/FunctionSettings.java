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
 *       override (emulators only);
 *       {@code CLOUDWARDEN_ENDPOINT_CA_CERT} — a PEM file of the certificate to trust for it beside the JDK's own (a local
 *       server's test certificate: Azure's SDK sends its token over https only);</li>
 *   <li>the account (subscription, project) the function acts in, where the cloud's credentials do not imply it: the
 *       policy's {@code account}, else the cloud's own variable for it ({@code AZURE_SUBSCRIPTION_ID}; its provider
 *       module's {@code CloudNames.accountVariables}); events from any other account are refused;</li>
 *   <li>{@code CLOUDWARDEN_OWN_PRINCIPAL_ID} — the function's own identity as events name their caller (on Azure its
 *       managed identity's object id): an event of its own making (its own remediation, coming back) is skipped.</li>
 * </ul>
 * Every setting is checked before anything is built from it, and every problem found is reported at once, one sentence
 * each ({@link InvalidSettingsException}): a region that is not one of the cloud's region names (its provider module's
 * {@code CloudNames} say), an endpoint that is not an absolute http(s) URL, an unknown operation, a switch that is
 * neither true nor false. (An invalid policy is reported by the policy loader, with each of its errors.)
 *
 * @param account        the account the function acts in, where the settings name one (see above)
 * @param ownPrincipal   the function's own identity, as an event's creator names it
 * @param exportFindings whether to export every run's findings ({@link Platform#findingsExport()})
 */
record FunctionSettings(Policy policy, String operation, String region, Optional<String> account, Optional<URI> endpoint,
                        Optional<Path> endpointCertificate, boolean dryRun, boolean exportFindings, Optional<String> ownPrincipal) {

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
        Optional<Path> certificate = Optional.ofNullable(env.get("CLOUDWARDEN_ENDPOINT_CA_CERT")).filter(c -> !c.isBlank()).map(Path::of);
        if (certificate.isPresent() && endpoint.isEmpty()) {
            problems.add("CLOUDWARDEN_ENDPOINT_CA_CERT is set but CLOUDWARDEN_ENDPOINT is not: the certificate is trusted for an endpoint override only");
        }
        Optional<String> account = policy.account().or(() -> Providers.find(platform.events().cloud()).names().accountVariables().stream()
                .map(env::get).filter(a -> a != null && !a.isBlank()).findFirst());
        Optional<String> ownPrincipal = Optional.ofNullable(env.get("CLOUDWARDEN_OWN_PRINCIPAL_ID")).map(String::strip).filter(p -> !p.isEmpty());
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
        return new FunctionSettings(policy, operation, region, account, endpoint, certificate, dryRun, exportFindings, ownPrincipal);
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
