package dev.cloudwarden.demo;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.cli.TextSummary;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.emulator.Ec2Estate;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;

/** The security-group part of the demo: open groups found, revoked, and nothing left on a second run. */
final class FirewallDemo {
    private FirewallDemo() {
    }

    /** Returns true when the estate converged. */
    static boolean run(URI endpoint, Policy policy, PrintWriter out) {
        try (Ec2Estate estate = new Ec2Estate(endpoint)) {
            Map<String, String> groups = estate.seedDemo();
            ProviderConfig config = ProviderConfig.of(Ec2Estate.REGION).withEndpoint(endpoint);
            String op = FirewallAudit.OPERATION;

            out.println("== Security groups: " + groups.size() + " in the estate ==");
            printRules(estate, groups, out);

            out.println();
            out.println("== 1. Dry run: what would change (nothing is changed) ==");
            TextSummary.print(LocalAudit.run(policy, op, config, RunRequest.sweep(Trigger.MANUAL, true)), out);

            out.println();
            out.println("== 2. Apply: revoke exactly the offending rules ==");
            RunReport applied = LocalAudit.run(policy, op, config, RunRequest.sweep(Trigger.MANUAL, false));
            TextSummary.print(applied, out);

            out.println();
            out.println("== 3. The estate afterwards: safe rules and the exempt group untouched ==");
            printRules(estate, groups, out);

            out.println();
            out.println("== 4. Run again: nothing left to fix ==");
            RunReport again = LocalAudit.run(policy, op, config, RunRequest.sweep(Trigger.MANUAL, false));
            TextSummary.print(again, out);

            return again.findings().stream().allMatch(f -> f.action().reason().startsWith("exempt"))
                    && applied.complete()
                    && applied.findings().stream().noneMatch(f -> f.action().status() == FindingAction.Status.FAILED);
        }
    }

    private static void printRules(Ec2Estate estate, Map<String, String> groups, PrintWriter out) {
        groups.forEach((name, id) -> out.printf("  %-13s %-22s %s%n", name, id,
                estate.ingress(id).isEmpty() ? "(no ingress)" : String.join("; ", estate.ingress(id))));
    }
}
