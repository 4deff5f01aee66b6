package dev.cloudwarden.cli;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.policy.PolicyLoader;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code cloudwarden demo}: the audit end to end on the embedded AWS emulator — seed a small estate,
 * dry-run, apply, show what is left, run again to show nothing is left to do — then stop the emulator.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the security-group audit against the embedded AWS emulator (moto server): dry-run, then for real.")
final class DemoCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;

    DemoCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Policy policy = PolicyLoader.parse(demoPolicy(), "demo-policy.yaml");
        err.println("cloudwarden demo: starting the AWS emulator (moto server) on a free loopback port…");
        try (MotoServer moto = MotoServer.start(); Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            err.println("cloudwarden demo: emulator at " + moto.endpoint());
            Map<String, String> groups = estate.seedDemo();
            ProviderConfig config = ProviderConfig.of(Ec2Estate.REGION).withEndpoint(moto.endpoint());

            out.println("== The estate: " + groups.size() + " security groups ==");
            printRules(estate, groups);
            out.println();
            out.println("== The policy (demo-policy.yaml) ==");
            out.println(demoPolicy().strip());

            out.println();
            out.println("== 1. Dry run: what would change (nothing is changed) ==");
            TextSummary.print(LocalAudit.run(policy, FirewallAudit.OPERATION, config, RunRequest.sweep(Trigger.MANUAL, true)), out);

            out.println();
            out.println("== 2. Apply: revoke exactly the offending rules ==");
            RunReport applied = LocalAudit.run(policy, FirewallAudit.OPERATION, config, RunRequest.sweep(Trigger.MANUAL, false));
            TextSummary.print(applied, out);

            out.println();
            out.println("== 3. The estate afterwards: safe rules and the exempt group untouched ==");
            printRules(estate, groups);

            out.println();
            out.println("== 4. Run again: nothing left to fix ==");
            RunReport again = LocalAudit.run(policy, FirewallAudit.OPERATION, config, RunRequest.sweep(Trigger.MANUAL, false));
            TextSummary.print(again, out);

            boolean converged = again.findings().stream()
                    .allMatch(f -> f.action().reason().startsWith("exempt"))
                    && applied.complete()
                    && applied.findings().stream().noneMatch(f -> f.action().status() == FindingAction.Status.FAILED);
            out.println();
            out.println(converged
                    ? "Demo complete: open groups were found, then fixed; the emulator is stopped."
                    : "Demo FAILED: the estate did not converge; see the reports above.");
            out.flush();
            return converged ? ExitCode.COMPLETE : ExitCode.INCOMPLETE;
        } catch (RuntimeException e) {
            err.println("cloudwarden demo: " + e.getMessage());
            return ExitCode.INCOMPLETE;
        }
    }

    private void printRules(Ec2Estate estate, Map<String, String> groups) {
        groups.forEach((name, id) -> out.printf("  %-13s %-22s %s%n", name, id, estate.ingress(id).isEmpty() ? "(no ingress)" : String.join("; ", estate.ingress(id))));
    }

    static String demoPolicy() {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-policy.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
