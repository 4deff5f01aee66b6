package dev.cloudwarden.core.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
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
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.core.testing.TagPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
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
 * Tag compliance over generated accounts as they are found in real life (resources that never had a tag, keys in the
 * wrong case, empty and wrong values, marks due, not due, done or unreadable, exempt resources) and policies that fix
 * what they can (add defaults, fix key case, mark for a stop, notify): a dry-run changes nothing and publishes nothing,
 * and a real run never changes more resources or stops more instances than the blast radius allows, refuses a plan
 * beyond it whole, and is refused exactly when its dry-run said it would be.
 */
class TagComplianceProperties {
    private static final Instant T = Instant.parse("2026-06-02T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
    private static final String MARK = "cloudwarden:marked-for-op";
    private static final Creator ALICE = new Creator("arn:aws:sts::123456789012:assumed-role/dev/alice", "AssumedRole",
            T.minus(Duration.ofMinutes(2)));
    /** The calls that change the estate; publishing the findings is not one of them, and a refused run still publishes. */
    private static final Set<String> CHANGES = Set.of(InMemoryCloud.ADD_TAGS, InMemoryCloud.REMOVE_TAGS, InMemoryCloud.STOP);

    /**
     * A generated account, policy and request.
     *
     * @param remediation the policy's {@code remediation} section, in flow YAML
     * @param targets     the resources an event names; empty for a sweep
     */
    record TagCase(List<ResourceRef> resources, String remediation, boolean publishes, boolean environmentDefault,
                   OptionalInt maxResources, OptionalInt maxStops, OptionalInt maxPercent, Optional<List<String>> targets,
                   boolean createEvent) {

        InMemoryCloud cloud() {
            InMemoryCloud cloud = InMemoryCloud.holding();
            resources.forEach(cloud::put);
            return cloud;
        }

        Policy policy(boolean dryRun) {
            List<String> blast = new ArrayList<>();
            maxResources.ifPresent(n -> blast.add("maxChanges: " + n));
            maxStops.ifPresent(n -> blast.add("maxStops: " + n));
            maxPercent.ifPresent(n -> blast.add("maxPercent: " + n));
            String section = """
                    tagCompliance:
                      resourceTypes: [ec2:instance, ec2:volume]
                      required:
                        - key: owner
                          pattern: "[a-z0-9.-]+@example\\\\.com"
                          default: platform-team@example.com
                        - key: environment
                          case: insensitive
                          allowed: [prod, staging, dev]
                    %s
                        - key: cost-centre
                          allowed: [cc-1001, cc-2002]
                          resourceTypes: [ec2:instance]
                          when: {environment: prod}
                      exempt: {tags: {"cloudwarden:exempt": "*"}}
                      remediation: %s
                      creatorTags: {}
                    %s%s""".formatted(environmentDefault ? "      default: dev" : "", remediation,
                    publishes ? "  notify: {topic: arn:aws:sns:eu-west-1:123456789012:findings}\n" : "",
                    blast.isEmpty() ? "" : "  blastRadius: {" + String.join(", ", blast) + "}\n");
            return PolicyLoader.parse("version: 1\ncloud: aws\ndryRun: " + dryRun + "\n" + section, "generated policy");
        }

        RunRequest request(boolean dryRun) {
            return targets.map(ids -> RunRequest.resources(Trigger.EVENT, ids, createEvent ? Optional.of(ALICE) : Optional.empty(), dryRun))
                    .orElseGet(() -> RunRequest.sweep(Trigger.SCHEDULE, dryRun));
        }

        boolean sweep() {
            return targets.isEmpty();
        }
    }

    // ---- dry-run ----------------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aDryRunChangesNothingAndPublishesNothing_whetherTheRequestOrThePolicyAsksForIt(@ForAll("accounts") TagCase c,
                                                                                        @ForAll boolean byPolicy) {
        InMemoryCloud cloud = c.cloud();
        CloudState before = CloudState.of(cloud, List.of(), List.of());
        var calls = cloud.apiCalls();

        RunReport report = run(cloud, c.policy(byPolicy), c.request(!byPolicy));

        assertThat(report.dryRun()).isTrue();
        assertThat(CloudState.writesSince(cloud, calls)).as("calls that write").isEmpty();
        assertThat(CloudState.of(cloud, List.of(), List.of())).isEqualTo(before);
        Statistics.label("the plan changes something").collect(!plannedResources(report).isEmpty());
        Statistics.label("the plan changes something").coverage(check -> check.check(true).percentage(p -> p >= 50));
    }

    // ---- blast radius -----------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void theBlastRadiusIsNeverExceeded_aPlanBeyondItIsRefusedWhole_asItsDryRunSaid(@ForAll("accounts") TagCase c) {
        InMemoryCloud cloud = c.cloud();
        Policy policy = c.policy(false);
        TagCompliancePolicy.BlastRadius limit = policy.section(TagCompliancePolicy.class).orElseThrow().blastRadius();
        RunReport dry = run(cloud, policy, c.request(true));
        Set<String> planned = plannedResources(dry);
        long plannedStops = dry.findings().stream().filter(f -> f.action().status() == Status.PLANNED
                && f.action().kind().equals(TagPlanner.STOP)).map(f -> f.resource().id()).distinct().count();
        boolean beyond = plannedStops > limit.maxStops() || planned.size() > limit.changes().maxChanges()
                || c.sweep() && c.maxPercent().isPresent() && planned.size() * 100L > (long) c.maxPercent().getAsInt() * dry.resourcesScanned();
        CloudState before = CloudState.of(cloud, List.of(), List.of());
        var calls = cloud.apiCalls();

        RunReport real = run(cloud, policy, c.request(false));

        Set<String> changed = changedResources(before, CloudState.of(cloud, List.of(), List.of()));
        assertThat(changed.size()).as("resources changed, limit maxChanges %s", limit.changes().maxChanges())
                .isLessThanOrEqualTo(limit.changes().maxChanges());
        assertThat(cloud.stopped().size()).as("instances stopped, limit maxStops %s", limit.maxStops())
                .isLessThanOrEqualTo(limit.maxStops());
        if (c.sweep() && c.maxPercent().isPresent()) {
            assertThat(changed.size() * 100L).as("percent of the %s resources scanned changed, limit maxPercent %s",
                    real.resourcesScanned(), c.maxPercent().getAsInt())
                    .isLessThanOrEqualTo((long) c.maxPercent().getAsInt() * real.resourcesScanned());
        }
        List<Finding> dryPlanned = dry.findings().stream().filter(f -> f.action().status() == Status.PLANNED).toList();
        if (beyond) {
            assertThat(real.status()).isEqualTo(RunStatus.REFUSED);
            Map<String, Long> changes = CloudState.writesSince(cloud, calls);
            changes.keySet().retainAll(CHANGES);
            assertThat(changes).as("calls that change the estate").isEmpty();
            assertThat(changed).isEmpty();
            assertThat(dryPlanned).allSatisfy(f -> assertThat(f.action().reason()).startsWith("dry-run: the real run would be refused"));
        } else {
            assertThat(real.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(changed).isEqualTo(planned);
            assertThat(dryPlanned).noneSatisfy(f -> assertThat(f.action().reason()).contains("would be refused"));
        }
        Statistics.label("verdict").collect(planned.isEmpty() ? "nothing to change" : beyond ? "refused" : "applied");
        Statistics.label("verdict").coverage(check -> {
            check.check("refused").percentage(p -> p >= 10);
            check.check("applied").percentage(p -> p >= 10);
        });
        Statistics.label("stops planned").collect(plannedStops > 0);
        Statistics.label("stops planned").coverage(check -> check.check(true).percentage(p -> p >= 5));
    }

    private static RunReport run(InMemoryCloud cloud, Policy policy, RunRequest request) {
        RunReport report = new TagCompliance(cloud, policy.section(TagCompliancePolicy.class).orElseThrow(), policy.dryRun(), CLOCK).run(request);
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** The resources the plan changes: those with a planned action. */
    private static Set<String> plannedResources(RunReport report) {
        return report.findings().stream().filter(f -> f.action().status() == Status.PLANNED).map(f -> f.resource().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The resources whose tags differ between two readings of the cloud, and the instances stopped between them. */
    private static Set<String> changedResources(CloudState before, CloudState after) {
        Map<String, ResourceRef> now = after.resources().stream().collect(Collectors.toMap(ResourceRef::id, r -> r));
        Set<String> changed = before.resources().stream().filter(r -> !r.equals(now.get(r.id()))).map(ResourceRef::id)
                .collect(Collectors.toCollection(TreeSet::new));
        after.stopped().stream().filter(id -> !before.stopped().contains(id)).forEach(changed::add);
        return changed;
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<TagCase> accounts() {
        Arbitrary<String> remediation = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of("", "stop, after: 3d", "stop, after: 12h", "notify, after: 1d")).as((defaults, fixCase, mark) ->
                "{addDefaults: " + defaults + ", fixCase: " + fixCase + (mark.isEmpty() ? "" : ", markForOp: {action: " + mark + "}") + "}");
        Arbitrary<OptionalInt> maxResources = optional(Arbitraries.integers().between(0, 8));
        Arbitrary<OptionalInt> maxStops = optional(Arbitraries.integers().between(0, 3));
        Arbitrary<OptionalInt> maxPercent = optional(Arbitraries.of(0, 10, 25, 34, 50, 75, 100));
        return resource().list().ofMinSize(1).ofMaxSize(12).flatMap(list -> {
            List<ResourceRef> resources = IntStream.range(0, list.size()).mapToObj(i -> {
                ResourceRef r = list.get(i);
                String id = (r.type().equals(TagPolicies.INSTANCE) ? "i-" : "vol-") + i;
                return TagPolicies.resource(r.type(), id, r.tags().values());
            }).toList();
            List<String> ids = new ArrayList<>(resources.stream().map(ResourceRef::id).toList());
            ids.add("i-gone");
            Arbitrary<Optional<List<String>>> targets = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.empty())),
                    Tuple.of(2, Arbitraries.of(ids).list().ofMinSize(1).ofMaxSize(3).map(Optional::of)));
            return Combinators.combine(remediation, Arbitraries.of(true, false), Arbitraries.of(true, false), maxResources, maxStops,
                            maxPercent, targets, Arbitraries.of(true, false))
                    .as((r, notify, envDefault, mr, ms, mp, t, create) -> new TagCase(resources, r, notify, envDefault, mr, ms, mp, t, create));
        });
    }

    private static Arbitrary<OptionalInt> optional(Arbitrary<Integer> value) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(OptionalInt.empty())), Tuple.of(3, value.map(OptionalInt::of)));
    }

    /** An instance or a volume, tagged as a messy account tags them. */
    private static Arbitrary<ResourceRef> resource() {
        Arbitrary<Map<String, String>> owner = Arbitraries.of(
                Map.of(), Map.of("owner", "alice@example.com"), Map.of("Owner", "bob@example.com"), Map.of("owner", ""),
                Map.of("owner", "Carol"), Map.of("OWNER", "dave@example.com"));
        Arbitrary<Map<String, String>> environment = Arbitraries.of(
                Map.of(), Map.of("environment", "prod"), Map.of("Environment", "Staging"), Map.of("environment", "qa"));
        Arbitrary<Map<String, String>> costCentre = Arbitraries.of(Map.of(), Map.of("cost-centre", "cc-1001"), Map.of("cost-centre", "cc-9"));
        Arbitrary<Map<String, String>> mark = Arbitraries.of(Map.of(), Map.of(), Map.of(MARK, "stop@2026-06-01T00:00:00Z"),
                Map.of(MARK, "stop@2026-06-05T00:00:00Z"), Map.of(MARK, "stop-done@2026-05-30T00:00:00Z"),
                Map.of(MARK, "notify@2026-05-01T00:00:00Z"), Map.of(MARK, "stop@tomorrow"));
        Arbitrary<Map<String, String>> exempt = Arbitraries.frequency(Tuple.of(6, Map.<String, String>of()),
                Tuple.of(1, Map.of("cloudwarden:exempt", "legacy")));
        Arbitrary<String> type = Arbitraries.frequency(Tuple.of(3, TagPolicies.INSTANCE), Tuple.of(1, TagPolicies.VOLUME));
        return Combinators.combine(type, owner, environment, costCentre, mark, exempt).as((t, o, e, cc, m, x) -> {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.putAll(o);
            tags.putAll(e);
            tags.putAll(cc);
            tags.putAll(m);
            tags.putAll(x);
            return TagPolicies.resource(t, "r", tags);
        });
    }
}
