package dev.cloudwarden.demo;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.cli.TextSummary;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.emulator.SsmGapServer;
import dev.cloudwarden.emulator.SsmPatchState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetPatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.PatchRule;

/**
 * The patch part of the demo, on moto with the SSM gap server in front of it (moto implements only part of
 * Patch Manager): the declared baseline created, registered for its groups and made the default; the
 * instances judged, the overdue one scanned, the one without a patch group tagged; a person's edit of the
 * baseline reverted by its CloudTrail event, naming them; and a run with nothing left to change.
 */
final class PatchDemo {
    private static final Instant START = Instant.now();
    private static final String MALLORY = "arn:aws:iam::123456789012:user/mallory";
    /** The baseline that judged the instances before the demo's exists: AWS's own default for Amazon Linux 2023. */
    private static final String AWS_DEFAULT = "pb-0d3c5a6b1e2f40789";

    private PatchDemo() {
    }

    /** Returns true when every step did what the policy says. */
    static boolean run(MotoServer moto, Policy policy, PrintWriter out) {
        try (SsmGapServer ssm = SsmGapServer.start(moto); ResourceEstate estate = new ResourceEstate(moto.endpoint());
             SsmClient person = client(ssm)) {
            String web1 = estate.instance(Map.of("Name", "web-1", "Patch Group", "web-servers"));
            String web2 = estate.instance(Map.of("Name", "web-2", "Patch Group", "web-servers"));
            String batch = estate.instance(Map.of("Name", "batch-1"));
            for (String id : List.of(web1, web2, batch)) {
                ssm.manage(id, "Linux", "Amazon Linux");
            }
            ssm.patchState(web1, "web-servers", AWS_DEFAULT, SsmPatchState.Counts.none().withInstalled(212), "Scan",
                    START.minus(Duration.ofDays(1)));
            ssm.patchState(web2, "web-servers", AWS_DEFAULT, SsmPatchState.Counts.none().withInstalled(205).withMissing(3)
                    .withCriticalNonCompliant(1).withSecurityNonCompliant(2), "Scan", START.minus(Duration.ofDays(10)));
            ProviderConfig config = ProviderConfig.of(ResourceEstate.REGION).withEndpoint(ssm.endpoint());

            out.println("== Patch baselines: web-1 (scanned yesterday, compliant), web-2 (scanned 10 days ago, 3 patches missing),"
                    + " batch-1 (no patch group); no baseline yet ==");
            out.println();
            out.println("== 15. Dry run: the baseline to create, register and make the default; compliance ==");
            TextSummary.print(run(policy, config, RunRequest.sweep(Trigger.MANUAL, true), START), out);

            out.println();
            out.println("== 16. Apply: baseline created, groups registered, default set; web-2 scanned; batch-1 tagged workers ==");
            RunReport applied = run(policy, config, RunRequest.sweep(Trigger.SCHEDULE, false), START);
            TextSummary.print(applied, out);
            String baseline = person.describePatchBaselines(r -> r.filters(f -> f.key("OWNER").values("Self")))
                    .baselineIdentities().stream().filter(b -> b.baselineName().equals("cloudwarden-al2023"))
                    .findFirst().orElseThrow().baselineId();
            // the emulator runs no command: the demo writes what the scans found, against the new baseline
            ssm.patchState(web2, "web-servers", baseline, SsmPatchState.Counts.none().withInstalled(208), "Scan", START);
            ssm.patchState(batch, "workers", baseline, SsmPatchState.Counts.none().withInstalled(190), "Scan", START);

            out.println();
            out.println("== 17. mallory slows security patches down to 30 days, by hand ==");
            GetPatchBaselineResponse before = person.getPatchBaseline(r -> r.baselineId(baseline));
            person.updatePatchBaseline(r -> r.baselineId(baseline).approvalRules(before.approvalRules().toBuilder()
                    .patchRules(before.approvalRules().patchRules().stream()
                            .map(rule -> rule.approveAfterDays() == 7 ? rule.toBuilder().approveAfterDays(30).build() : rule).toList())
                    .build()));
            out.printf("  %s security rule: approveAfterDays %d%n", baseline, securityDays(person, baseline));

            out.println();
            out.println("== 18. Its CloudTrail event (UpdatePatchBaseline by mallory) reverts it at once, naming her ==");
            RunReport reverted = run(policy, config, RunRequest.resources(Trigger.EVENT, List.of(baseline),
                    Optional.of(new Creator(MALLORY, "IAMUser", START.plus(Duration.ofMinutes(2)))), false), START.plus(Duration.ofMinutes(2)));
            TextSummary.print(reverted, out);
            out.printf("  %s security rule: approveAfterDays %d%n", baseline, securityDays(person, baseline));

            out.println();
            out.println("== 19. The scans have finished; the next scheduled run: the baseline is in shape, nothing to change ==");
            RunReport again = run(policy, config, RunRequest.sweep(Trigger.SCHEDULE, false), START.plus(Duration.ofHours(1)));
            TextSummary.print(again, out);
            out.println("  operations moto answered: " + String.join(", ", ssm.forwarded().stream().distinct().sorted().toList()));
            out.println("  operations the SSM gap server answered (moto lacks them): "
                    + String.join(", ", ssm.served().stream().distinct().sorted().toList()));

            return applied.complete() && reverted.complete() && again.complete() && securityDays(person, baseline) == 7
                    && estate.tagsOf(batch).containsKey("Patch Group")
                    && again.findings().isEmpty();
        }
    }

    private static RunReport run(Policy policy, ProviderConfig config, RunRequest request, Instant now) {
        return LocalAudit.run(policy, PatchBaselines.OPERATION, config, request, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static int securityDays(SsmClient ssm, String baseline) {
        return ssm.getPatchBaseline(r -> r.baselineId(baseline)).approvalRules().patchRules().stream()
                .filter(rule -> rule.patchFilterGroup().patchFilters().stream().anyMatch(f -> f.values().contains("Security")))
                .map(PatchRule::approveAfterDays).findFirst().orElse(-1);
    }

    /** A person's SSM client: the emulator through the gap server, with a key of its own. */
    private static SsmClient client(SsmGapServer ssm) {
        return SsmClient.builder().region(Region.of(ResourceEstate.REGION)).endpointOverride(ssm.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("mallory", "mallory"))).build();
    }
}
