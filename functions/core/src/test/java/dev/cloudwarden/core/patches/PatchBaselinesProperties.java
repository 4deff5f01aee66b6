package dev.cloudwarden.core.patches;

import static dev.cloudwarden.core.testing.PatchPolicies.content;
import static dev.cloudwarden.core.testing.PatchPolicies.managed;
import static dev.cloudwarden.core.testing.PatchPolicies.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.DeclaredBaseline;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.CloudState;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.PatchPolicies.ManagedInstanceBuilder;
import dev.cloudwarden.core.testing.ReportSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Patch baselines over generated accounts (declared baselines missing, in shape, edited by hand, with a patch group
 * too many or too few, not the default, duplicated by name, a group held by someone else's baseline) and managed
 * instances (in and out of the declared groups, without one, offline, scanned lately, long ago or never), swept or
 * reached by a change or instance-started event: a dry-run writes nothing, and a real run never makes more changes
 * or scans than the blast radius allows, refuses a plan beyond it whole, and is refused exactly when its dry-run said
 * it would be.
 */
class PatchBaselinesProperties {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
    private static final List<String> OPERATING_SYSTEMS = List.of("AMAZON_LINUX_2023", "WINDOWS");
    private static final Creator MALLORY = new Creator("arn:aws:iam::123456789012:user/mallory", "IAMUser", T.minus(Duration.ofMinutes(3)));
    private static final Creator OWN_ROLE = new Creator("arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines/cloudwarden",
            "AssumedRole", T.minus(Duration.ofMinutes(3)));

    /** The baselines a policy may declare, each as one entry of {@code baselines}. */
    private static final List<String> DECLARABLE = List.of("""
            - name: web-al2023
              operatingSystem: AMAZON_LINUX_2023
              description: Web servers
              default: true
              patchGroups: [web, web-canary]
              approvalRules:
                - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 3}
              rejectedPatches: [telnet]
            """, """
            - name: win-2022
              operatingSystem: WINDOWS
              default: true
              patchGroups: [web]
              approvalRules:
                - {filters: {MSRC_SEVERITY: [Critical]}, approveAfterDays: 7}
            """, """
            - name: db-al2023
              operatingSystem: AMAZON_LINUX_2023
              patchGroups: [db]
              approvedPatches: [postgresql15-15.4]
            """);

    /** How a declared baseline stands in the account before the run. */
    enum Standing { MISSING, IN_SHAPE, EDITED_BY_HAND, A_GROUP_TOO_MANY, A_GROUP_TOO_FEW, NOT_THE_DEFAULT, DUPLICATED }

    /** A managed instance: its patch group (empty: none), whether its agent answers, and how long ago it was scanned. */
    record Node(String group, boolean online, Optional<Duration> scannedAgo) {
    }

    /**
     * A generated account, policy and request.
     *
     * @param declared  indexes into {@link #DECLARABLE}, with how each stands
     * @param intruder  someone else's baseline holds web-canary, where the declared one does not
     * @param event     empty: a sweep; else the event's kind: "change-by-mallory", "change-by-own-role", "instance-started"
     */
    record PatchCase(List<Map.Entry<Integer, Standing>> declared, boolean intruder, List<Node> nodes, boolean defaultGroup,
                     boolean scans, OptionalInt maxChanges, OptionalInt maxScans, Optional<String> event) {

        Policy policy(boolean dryRun) {
            StringBuilder section = new StringBuilder("patchBaselines:\n  baselines:\n");
            declared.forEach(d -> section.append(DECLARABLE.get(d.getKey()).indent(4)));
            if (defaultGroup) {
                section.append("  compliance: {defaultPatchGroup: web}\n");
            }
            if (scans) {
                section.append("  scan: {maxConcurrency: \"5\", maxErrors: \"1\"}\n");
            }
            List<String> blast = new ArrayList<>();
            maxChanges.ifPresent(n -> blast.add("maxChanges: " + n));
            maxScans.ifPresent(n -> blast.add("maxScans: " + n));
            if (!blast.isEmpty()) {
                section.append("  blastRadius: {").append(String.join(", ", blast)).append("}\n");
            }
            return PolicyLoader.parse("version: 1\ncloud: aws\ndryRun: " + dryRun + "\n" + section, "generated policy");
        }

        InMemoryCloud cloud() {
            InMemoryCloud cloud = InMemoryCloud.holding();
            List<DeclaredBaseline> baselines = policy(false).section(PatchBaselinesPolicy.class).orElseThrow().baselines();
            boolean webCanaryFree = true;
            for (int i = 0; i < declared.size(); i++) {
                DeclaredBaseline baseline = baselines.get(i);
                Standing standing = declared.get(i).getValue();
                String id = "pb-0" + i;
                List<String> groups = new ArrayList<>(baseline.patchGroups());
                PatchBaseline declaredContent = baseline.content();
                switch (standing) {
                    case MISSING -> {
                        continue;
                    }
                    case EDITED_BY_HAND -> declaredContent = edited(declaredContent);
                    case A_GROUP_TOO_MANY -> groups.add("adhoc-" + i);
                    case A_GROUP_TOO_FEW -> groups.removeLast();
                    default -> {
                    }
                }
                if (groups.contains("web-canary")) {
                    webCanaryFree = false;
                }
                cloud.putBaseline(id, declaredContent, groups.toArray(String[]::new));
                if (standing == Standing.DUPLICATED) {
                    cloud.putBaseline("pb-9" + i, declaredContent);
                }
                if (baseline.isDefault() && standing != Standing.NOT_THE_DEFAULT) {
                    cloud.setDefaultBaseline(id);
                }
            }
            if (intruder && webCanaryFree) {
                cloud.putBaseline("pb-mallory", content("{name: mallory-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [nginx]}"),
                        "web-canary");
            }
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                String id = "i-" + i;
                ManagedInstanceBuilder instance = managed(id);
                if (!node.group().isEmpty()) {
                    instance.group(node.group());
                }
                if (!node.online()) {
                    instance.offline();
                }
                cloud.put(instance.build());
                if (!node.group().isEmpty()) {
                    node.scannedAgo().ifPresent(ago -> cloud.put(state(id, node.group()).scannedAt(T.minus(ago).toString()).build()));
                }
            }
            return cloud;
        }

        RunRequest request(boolean dryRun) {
            return event.map(kind -> switch (kind) {
                case "change-by-mallory" -> RunRequest.resources(Trigger.EVENT, List.of("pb-00"), Optional.of(MALLORY), dryRun);
                case "change-by-own-role" -> RunRequest.resources(Trigger.EVENT, List.of("pb-00"), Optional.of(OWN_ROLE), dryRun);
                default -> RunRequest.resources(Trigger.EVENT, IntStream.range(0, Math.min(2, nodes.size())).mapToObj(i -> "i-" + i).toList(),
                        Optional.empty(), dryRun);
            }).orElseGet(() -> RunRequest.sweep(Trigger.SCHEDULE, dryRun));
        }
    }

    /** The baseline as someone edited it by hand: another description, one more approved patch. */
    private static PatchBaseline edited(PatchBaseline declared) {
        List<String> approved = new ArrayList<>(declared.approvedPatches());
        approved.add("nginx-1.24");
        return content("name: " + declared.name() + "\noperatingSystem: " + declared.operatingSystem() + "\ndescription: edited by hand\n"
                + "approvedPatches: [" + String.join(", ", approved) + "]\n");
    }

    // ---- dry-run ----------------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aDryRunWritesNothing_whetherTheRequestOrThePolicyAsksForIt(@ForAll("accounts") PatchCase c, @ForAll boolean byPolicy) {
        InMemoryCloud cloud = c.cloud();
        CloudState before = CloudState.of(cloud, List.of(), OPERATING_SYSTEMS);
        var calls = cloud.apiCalls();

        RunReport report = run(cloud, c.policy(byPolicy), c.request(!byPolicy));

        assertThat(report.dryRun()).isTrue();
        assertThat(CloudState.writesSince(cloud, calls)).as("calls that write").isEmpty();
        assertThat(CloudState.of(cloud, List.of(), OPERATING_SYSTEMS)).isEqualTo(before);
        Statistics.label("the plan changes something").collect(planned(report, false) + planned(report, true) > 0);
        Statistics.label("the plan changes something").coverage(check -> check.check(true).percentage(p -> p >= 50));
    }

    // ---- blast radius -----------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void theBlastRadiusIsNeverExceeded_aPlanBeyondItIsRefusedWhole_asItsDryRunSaid(@ForAll("accounts") PatchCase c) {
        InMemoryCloud cloud = c.cloud();
        Policy policy = c.policy(false);
        PatchBaselinesPolicy.BlastRadius limit = policy.section(PatchBaselinesPolicy.class).orElseThrow().blastRadius();
        RunReport dry = run(cloud, policy, c.request(true));
        long plannedChanges = planned(dry, false);
        long plannedScans = planned(dry, true);
        boolean beyond = plannedChanges > limit.changes().maxChanges() || plannedScans > limit.maxScans();
        CloudState before = CloudState.of(cloud, List.of(), OPERATING_SYSTEMS);
        var calls = cloud.apiCalls();

        RunReport real = run(cloud, policy, c.request(false));

        CloudState after = CloudState.of(cloud, List.of(), OPERATING_SYSTEMS);
        Map<String, Long> writes = CloudState.writesSince(cloud, calls);
        long baselineWrites = writes.entrySet().stream().filter(w -> Set.of(InMemoryCloud.CREATE_BASELINE, InMemoryCloud.UPDATE_BASELINE,
                InMemoryCloud.REGISTER_PATCH_GROUP, InMemoryCloud.DEREGISTER_PATCH_GROUP, InMemoryCloud.SET_DEFAULT_BASELINE)
                .contains(w.getKey())).mapToLong(Map.Entry::getValue).sum();
        long changes = baselineWrites + tagged(before, after);
        long scanned = after.scans().stream().mapToLong(s -> s.instanceIds().size()).sum();
        assertThat(changes).as("baseline writes and instances tagged, limit maxChanges %s", limit.changes().maxChanges())
                .isLessThanOrEqualTo(limit.changes().maxChanges());
        assertThat(scanned).as("instances scanned, limit maxScans %s", limit.maxScans()).isLessThanOrEqualTo(limit.maxScans());
        List<Finding> dryPlanned = dry.findings().stream().filter(f -> f.action().status() == Status.PLANNED).toList();
        if (beyond) {
            assertThat(real.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(writes).as("calls that write").isEmpty();
            assertThat(after).isEqualTo(before);
            assertThat(dryPlanned).allSatisfy(f -> assertThat(f.action().reason()).startsWith("dry-run: the real run would be refused"));
        } else {
            assertThat(real.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(changes).isEqualTo(plannedChanges);
            assertThat(scanned).isEqualTo(plannedScans);
            assertThat(dryPlanned).noneSatisfy(f -> assertThat(f.action().reason()).contains("would be refused"));
        }
        Statistics.label("verdict").collect(plannedChanges + plannedScans == 0 ? "nothing to change" : beyond ? "refused" : "applied");
        Statistics.label("verdict").coverage(check -> {
            check.check("refused").percentage(p -> p >= 10);
            check.check("applied").percentage(p -> p >= 10);
        });
        Statistics.label("scans planned").collect(plannedScans > 0);
        Statistics.label("scans planned").coverage(check -> check.check(true).percentage(p -> p >= 5));
    }

    private static RunReport run(InMemoryCloud cloud, Policy policy, RunRequest request) {
        RunReport report = new PatchBaselines(cloud, policy.section(PatchBaselinesPolicy.class).orElseThrow(), policy.dryRun(), CLOCK).run(request);
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** How many changes (or scans) the report plans: one action per planned finding. */
    private static long planned(RunReport report, boolean scans) {
        return report.findings().stream().filter(f -> f.action().status() == Status.PLANNED)
                .filter(f -> f.action().kind().equals(PatchAction.SCAN) == scans).count();
    }

    /** The instances whose tags differ between two readings. */
    private static long tagged(CloudState before, CloudState after) {
        Map<String, ResourceRef> now = after.resources().stream().collect(Collectors.toMap(ResourceRef::id, r -> r));
        return before.resources().stream().filter(r -> !r.equals(now.get(r.id()))).count();
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<PatchCase> accounts() {
        Arbitrary<List<Map.Entry<Integer, Standing>>> declared = Arbitraries.of(List.of(0), List.of(1), List.of(0, 1), List.of(0, 2),
                List.of(0, 1, 2)).flatMap(indexes -> Arbitraries.of(Standing.class).list().ofSize(indexes.size())
                .map(standings -> IntStream.range(0, indexes.size()).mapToObj(i -> Map.entry(indexes.get(i), standings.get(i))).toList()));
        Arbitrary<Node> node = Combinators.combine(Arbitraries.of("web", "web", "db", "web-canary", "other-team", ""),
                Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                Arbitraries.of(Optional.<Duration>empty(), Optional.of(Duration.ofDays(1)), Optional.of(Duration.ofDays(10)),
                        Optional.of(Duration.ofDays(6))))
                .as(Node::new);
        Arbitrary<OptionalInt> maxChanges = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(OptionalInt.empty())),
                Tuple.of(3, Arbitraries.integers().between(0, 5).map(OptionalInt::of)));
        Arbitrary<OptionalInt> maxScans = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(OptionalInt.empty())),
                Tuple.of(3, Arbitraries.integers().between(0, 2).map(OptionalInt::of)));
        Arbitrary<Optional<String>> event = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Optional.empty())),
                Tuple.of(2, Arbitraries.of("change-by-mallory", "change-by-own-role", "instance-started").map(Optional::of)));
        return Combinators.combine(declared, Arbitraries.of(true, false), node.list().ofMaxSize(8), Arbitraries.of(true, false),
                Arbitraries.of(true, false), maxChanges, maxScans, event).as(PatchCase::new);
    }
}
