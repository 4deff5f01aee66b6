package dev.cloudwarden.demo;

import dev.cloudwarden.api.CloudScope;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.azureemulator.ArmServer;
import dev.cloudwarden.azureemulator.DemoEstate;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.cli.TextSummary;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The demo's Azure part: the NSGs of {@link DemoEstate} on a local Azure Resource Manager server (HTTPS on 127.0.0.1, a
 * certificate made at start), audited through the real Azure SDK.
 */
final class AzureFirewallDemo {
    private AzureFirewallDemo() {
    }

    /** Returns true when the estate converged: exactly the exposed rules deleted, nothing left on a second run. */
    static boolean run(PrintWriter out, PrintWriter err) {
        Policy policy = PolicyLoader.parse(policyText(), "azure-demo-policy.yaml");
        err.println("cloudwarden demo: starting a local Azure Resource Manager server (HTTPS) on a free loopback port…");
        try (ArmServer arm = ArmServer.start()) {
            Map<String, String> groups = DemoEstate.seed(arm);
            ProviderConfig config = ProviderConfig.of(CloudScope.account(ArmServer.SUBSCRIPTION, "westeurope"))
                    .withEndpoint(URI.create(arm.endpoint())).withEndpointCertificate(arm.caCertificate());
            String op = FirewallAudit.OPERATION;

            out.println("== Azure: network security groups on a local ARM server (" + arm.endpoint() + ") ==");
            out.println(policyText().strip());
            printRules(arm, groups, out);

            out.println();
            out.println("== 1. Dry run: the rules the internet gets in through (nothing is changed) ==");
            TextSummary.print(LocalAudit.run(policy, op, config, RunRequest.sweep(Trigger.MANUAL, true)), out);

            out.println();
            out.println("== 2. Apply: delete exactly those security rules (never a rule added above them) ==");
            RunReport applied = LocalAudit.run(policy, op, config, RunRequest.sweep(Trigger.MANUAL, false));
            TextSummary.print(applied, out);

            out.println();
            out.println("== 3. The NSGs afterwards: the shadowed, blocked and default rules untouched ==");
            printRules(arm, groups, out);

            out.println();
            out.println("== 4. Run again: nothing left to fix ==");
            RunReport again = LocalAudit.run(policy, op, config, RunRequest.sweep(Trigger.MANUAL, false));
            TextSummary.print(again, out);

            return applied.complete() && applied.findings().size() == 2
                    && applied.findings().stream().allMatch(f -> f.action().status() == FindingAction.Status.APPLIED)
                    && again.findings().isEmpty();
        }
    }

    private static void printRules(ArmServer arm, Map<String, String> groups, PrintWriter out) {
        groups.forEach((name, id) -> out.printf("  %-15s %s%n", name,
                arm.ruleNames(id).isEmpty() ? "(Azure's default rules only)" : String.join(", ", arm.ruleNames(id))));
    }

    private static String policyText() {
        try (InputStream in = AzureFirewallDemo.class.getResourceAsStream("azure-demo-policy.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
