package dev.cloudwarden.demo;

import dev.cloudwarden.cli.ExitCode;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.emulator.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code cloudwarden demo}: the AWS operations end to end on the embedded AWS emulator. The
 * security-group audit: seed, dry-run, apply, show what is left, run again. Tag compliance: seed
 * untagged and mis-tagged resources, dry-run, apply, a create event, and a run three days later that
 * acts on the marks. The snapshot lifecycle: a window taken and copied, retries that take nothing, and
 * four more days of retention. Patch baselines: created, a person's edit reverted, compliance judged. Then
 * the emulator stops.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the security-group audit, tag compliance, the snapshot lifecycle and patch baselines against the embedded AWS emulator (moto server).")
public final class DemoCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;

    public DemoCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Policy policy = PolicyLoader.parse(demoPolicy(), "demo-policy.yaml");
        err.println("cloudwarden demo: starting the AWS emulator (moto server) on a free loopback port…");
        try (MotoServer moto = MotoServer.start()) {
            err.println("cloudwarden demo: emulator at " + moto.endpoint());
            out.println("== The policy (demo-policy.yaml) ==");
            out.println(demoPolicy().strip());
            out.println();
            boolean firewalls = FirewallDemo.run(moto.endpoint(), policy, out);
            out.println();
            boolean tags = TagDemo.run(moto.endpoint(), policy, out);
            out.println();
            moto.reset(); // the snapshot part starts from an empty estate: earlier volumes would only add noise
            boolean snapshots = SnapshotDemo.run(moto.endpoint(), policy, out);
            out.println();
            moto.reset();
            boolean patches = PatchDemo.run(moto, policy, out);
            out.println();
            boolean azure = AzureFirewallDemo.run(out, err);
            out.println();
            boolean all = firewalls && tags && snapshots && patches && azure;
            out.println(all
                    ? "Demo complete: open groups and non-compliant tags were found and fixed, snapshots taken once per window, "
                            + "copied and pruned, the patch baseline kept as declared, and on Azure the NSG rules open to the internet "
                            + "deleted, as the policies say; the emulators are stopped."
                    : "Demo FAILED: " + (firewalls ? "" : "the security groups did not converge; ")
                            + (tags ? "" : "tag compliance did not do what the policy says; ")
                            + (snapshots ? "" : "the snapshot lifecycle did not do what the policy says; ")
                            + (patches ? "" : "the patch baselines did not converge; ")
                            + (azure ? "" : "the Azure NSGs did not converge; ") + "see the reports above.");
            out.flush();
            return all ? ExitCode.COMPLETE : ExitCode.INCOMPLETE;
        } catch (RuntimeException e) {
            err.println("cloudwarden demo: " + e.getMessage());
            return ExitCode.INCOMPLETE;
        }
    }

    static String demoPolicy() {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-policy.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
