package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.events.aws.AwsEvents;
import dev.cloudwarden.events.aws.AwsTrigger;
import dev.cloudwarden.events.aws.AwsTriggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

/**
 * The EventBridge rules' patterns (the JSON files Terraform reads), matched against every sample event with
 * event-ruler, the matcher EventBridge itself is built on: each sample is matched by exactly the rules meant for
 * it. A call several operations react to (CreateVolume: tag its creator, check a snapshot plan covers it) is
 * meant for each of their rules; a failed call, a schedule's event and a state nobody handles for none.
 */
class EventPatternsTest {
    private static final String SG = "security-group-audit/cloudtrail-ingress";
    private static final String TAGS_EC2 = "tag-compliance/cloudtrail-ec2";
    private static final String TAGS_TAGGING = "tag-compliance/cloudtrail-tagging";
    private static final String VOLUMES = "snapshot-lifecycle/cloudtrail-create-volume";
    private static final String SNAPSHOTS = "snapshot-lifecycle/ebs-snapshot";
    private static final String SNAPSHOT_SETS = "snapshot-lifecycle/ebs-snapshot-set";
    private static final String BASELINES = "patch-baselines/cloudtrail-ssm";
    private static final String RUNNING = "patch-baselines/instance-running";

    /** Each sample and the rules that must match it; a new sample without an entry fails the test. */
    private static final Map<String, Set<String>> MEANT_FOR = Map.ofEntries(
            Map.entry("scheduled-sweep.json", Set.of()), // a schedule delivers it, no rule
            Map.entry("scheduler-sweep.json", Set.of()),
            Map.entry("cloudtrail-authorize-ingress-ipv4.json", Set.of(SG)),
            Map.entry("cloudtrail-authorize-ingress-ipv6.json", Set.of(SG)),
            Map.entry("cloudtrail-authorize-ingress-by-group-name.json", Set.of(SG)),
            Map.entry("cloudtrail-modify-security-group-rules.json", Set.of(SG)),
            Map.entry("cloudtrail-create-security-group.json", Set.of(SG, TAGS_EC2)),
            Map.entry("cloudtrail-create-security-group-by-root.json", Set.of(SG, TAGS_EC2)),
            Map.entry("cloudtrail-authorize-ingress-failed.json", Set.of()), // a failed call opened nothing
            Map.entry("cloudtrail-run-instances.json", Set.of(TAGS_EC2)),
            Map.entry("cloudtrail-run-instances-failed.json", Set.of()),
            Map.entry("cloudtrail-create-volume.json", Set.of(TAGS_EC2, VOLUMES)),
            Map.entry("cloudtrail-create-snapshot.json", Set.of(TAGS_EC2)),
            Map.entry("cloudtrail-create-snapshots.json", Set.of(TAGS_EC2)),
            Map.entry("cloudtrail-copy-snapshot.json", Set.of(TAGS_EC2)),
            Map.entry("cloudtrail-create-image.json", Set.of(TAGS_EC2)),
            Map.entry("cloudtrail-delete-tags.json", Set.of(TAGS_EC2)),
            Map.entry("cloudtrail-tag-resources.json", Set.of(TAGS_TAGGING)),
            Map.entry("cloudtrail-untag-resources.json", Set.of(TAGS_TAGGING)),
            Map.entry("ebs-create-snapshot-succeeded.json", Set.of(SNAPSHOTS)),
            Map.entry("ebs-create-snapshot-failed.json", Set.of(SNAPSHOTS)),
            Map.entry("ebs-copy-snapshot-succeeded.json", Set.of(SNAPSHOTS)),
            Map.entry("ebs-copy-snapshot-failed.json", Set.of(SNAPSHOTS)),
            Map.entry("ebs-create-snapshots-succeeded.json", Set.of(SNAPSHOT_SETS)),
            Map.entry("ebs-create-snapshots-failed.json", Set.of(SNAPSHOT_SETS)),
            Map.entry("cloudtrail-update-patch-baseline.json", Set.of(BASELINES)),
            Map.entry("cloudtrail-update-patch-baseline-by-cloudwarden.json", Set.of(BASELINES)), // the function tells its own
            Map.entry("cloudtrail-update-patch-baseline-failed.json", Set.of()),
            Map.entry("cloudtrail-delete-patch-baseline.json", Set.of(BASELINES)),
            Map.entry("cloudtrail-deregister-patch-baseline-for-patch-group.json", Set.of(BASELINES)),
            Map.entry("cloudtrail-register-default-patch-baseline.json", Set.of(BASELINES)),
            Map.entry("ec2-instance-state-change-running.json", Set.of(RUNNING)),
            Map.entry("ec2-instance-state-change-stopped.json", Set.of()),
            // events the handlers reject: a rule must not send them either, except where only the handler can tell
            Map.entry("invalid/unknown-detail-type.json", Set.of(RUNNING)), // unknown to the security-group audit it was written for
            Map.entry("invalid/unsupported-event-name.json", Set.of()),
            Map.entry("invalid/cloudtrail-get-patch-baseline.json", Set.of()),
            Map.entry("invalid/ebs-unknown-snapshot-event.json", Set.of()),
            Map.entry("invalid/missing-group-id.json", Set.of(SG)), // well-formed but for its payload
            Map.entry("invalid/create-volume-no-volume-id.json", Set.of(TAGS_EC2, VOLUMES)));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, String> patterns;
    private static Machine machine;

    @BeforeAll
    static void loadRules() throws IOException {
        patterns = new TreeMap<>();
        machine = new Machine();
        for (String operation : Repo.OPERATIONS) {
            try (Stream<Path> files = Files.list(Repo.operation(operation).resolve("rules"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    String rule = operation + "/" + file.getFileName().toString().replace(".json", "");
                    patterns.put(rule, Files.readString(file));
                    machine.addRule(rule, Files.readString(file));
                }
            }
        }
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.EVENTS)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> Repo.EVENTS.relativize(f).toString().replace('\\', '/')).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSample_isMatchedByExactlyTheRulesMeantForIt(String sample) throws Exception {
        Set<String> expected = MEANT_FOR.get(sample);
        if (expected == null) {
            fail("events/aws/" + sample + " has no entry in EventPatternsTest.MEANT_FOR: say which rules must match it");
        }
        List<String> matched = machine.rulesForJSONEvent(Repo.read(Repo.EVENTS.resolve(sample)));
        assertThat(new TreeSet<>(matched)).as(sample).isEqualTo(new TreeSet<>(expected));
    }

    @Test
    void everyRule_hasAnEntry_andMatchesSomeSample() {
        Set<String> meant = new HashSet<>();
        MEANT_FOR.values().forEach(meant::addAll);
        assertThat(patterns.keySet()).as("rules in infra/terraform/aws/modules/function/operations/*/rules")
                .containsExactlyInAnyOrderElementsOf(meant);
    }

    /** The CloudTrail rules name exactly the calls each operation's trigger class accepts, per source. */
    @Test
    void theCloudTrailRules_nameExactlyTheCallsEachOperationAccepts() throws IOException {
        for (String operation : Repo.OPERATIONS) {
            Map<String, Set<String>> inRules = new TreeMap<>();
            for (Map.Entry<String, String> rule : patterns.entrySet()) {
                JsonNode pattern = JSON.readTree(rule.getValue());
                if (!rule.getKey().startsWith(operation + "/") || !pattern.path("detail-type").toString().contains(AwsEvents.CLOUDTRAIL)) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                pattern.path("detail").path("eventName").forEach(n -> names.add(n.asText()));
                pattern.path("source").forEach(s -> inRules.computeIfAbsent(s.asText(), k -> new TreeSet<>()).addAll(names));
                assertThat(pattern.path("detail").path("errorCode").toString()).as(rule.getKey() + ": failed calls changed nothing")
                        .isEqualTo("[{\"exists\":false}]");
            }
            Map<String, Set<String>> accepted = new TreeMap<>();
            AwsTriggers.of(operation).map(AwsTrigger::calls).orElse(Map.of())
                    .forEach((source, calls) -> accepted.put(source, new TreeSet<>(calls)));
            assertThat(inRules).as(operation).isEqualTo(accepted);
        }
    }
}
