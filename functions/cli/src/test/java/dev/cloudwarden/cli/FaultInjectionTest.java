package dev.cloudwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SnapshotEstate.SnapshotView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The security-group audit and the snapshot lifecycle, three runs each through a network that fails 10 % and 30 % of
 * the calls (throttled, 500, or carried out with the answer lost: {@link FaultyNetwork}). After every run the report
 * must say exactly what was and was not done, checked against the emulator itself; no run may take a second snapshot
 * of a window or delete what the policy keeps; and after the three runs the estate is what the policy asks for.
 */
@ExtendWith(MotoExtension.class)
class FaultInjectionTest {
    private static final int RUNS = 3;
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final String TODAY = "2026-11-30T03:00:00Z";
    private static final String YESTERDAY = "2026-11-29T03:00:00Z";
    private static final Pattern TOOK = Pattern.compile("^took (snap-[0-9a-f]+) ");
    private static final String REVOKE_POLICY = """
            version: 1
            cloud: aws
            securityGroupAudit:
              exempt:
                tags: {"cloudwarden:exempt": "true"}
              remediation:
                action: revoke
            """;
    private static final String SNAPSHOT_POLICY = """
            version: 1
            cloud: aws
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select:
                    volumeTags: {backup: daily}
                  retain: {count: 2}
                  copies:
                    - region: us-west-2
                      retain: {count: 1}
            """;

    private final MotoServer moto;

    FaultInjectionTest(MotoServer moto) {
        this.moto = moto;
    }

    @ParameterizedTest(name = "{0} of the calls failing, seed {1}")
    @CsvSource({"0.10, 1011", "0.30, 3031"})
    void theSecurityGroupAudit_reportsExactlyWhatItDid_andConverges(double rate, long seed) {
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint()); FaultyNetwork network = new FaultyNetwork(moto.endpoint(), rate, seed)) {
            Map<String, String> groups = new LinkedHashMap<>(estate.seedDemo());
            List<String> many = estate.seedMany(30, 3);
            for (int i = 0; i < many.size(); i++) {
                groups.put("bench-" + i, many.get(i));
            }
            Map<String, List<String>> before = ingress(estate, groups);

            for (int run = 0; run < RUNS; run++) {
                RunReport report = LocalAudit.run(PolicyLoader.parse(REVOKE_POLICY, "fault test"), FirewallAudit.OPERATION,
                        ProviderConfig.of(Ec2Estate.REGION).withEndpoint(network.endpoint()), RunRequest.sweep(Trigger.SCHEDULE, false));
                String what = "run " + (run + 1) + " (" + network.summary() + "): ";
                for (Finding finding : report.findings()) {
                    String rule = ruleOf(finding);
                    List<String> now = estate.ingress(finding.resource().id());
                    switch (finding.action().status()) {
                        case APPLIED -> assertThat(now).as(what + finding.action().reason()).doesNotContain(rule);
                        case FAILED -> assertThat(now).as(what + "failed, so still there: " + finding.action().reason()).contains(rule);
                        case SKIPPED -> assertThat(finding.action().reason()).as(what).containsAnyOf("exempt", "no longer exists");
                        case PLANNED -> throw new AssertionError(what + "a real run leaves nothing planned: " + finding);
                    }
                }
                if (report.status() == RunStatus.FAILED) {
                    assertThat(report.findings()).as(what + "a failed discovery changes nothing").isEmpty();
                }
            }

            Map<String, List<String>> after = ingress(estate, groups);
            Map<String, List<String>> expected = new LinkedHashMap<>(before);
            expected.put("web", List.of("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0"));
            expected.put("db", List.of("tcp 5432 from 10.0.0.0/8"));
            expected.put("legacy-admin", List.of());
            expected.put("windows-jump", List.of("tcp 3389 from 192.0.2.10/32"));
            for (int i = 0; i < many.size(); i += 3) {
                expected.put("bench-" + i, List.of("tcp 22 from 10.0.0.0/8", "tcp 443 from 0.0.0.0/0"));
            }
            assertThat(after).as("converged after " + RUNS + " runs (" + network.summary() + "); safe rules and the exempt group untouched")
                    .isEqualTo(expected);
            assertThat(network.injected()).as("calls were really failed").isPositive();
            System.out.printf("fault injection: security-group audit at %.0f %%, %d runs: %s%n", rate * 100, RUNS, network.summary());
        }
    }

    @ParameterizedTest(name = "{0} of the calls failing, seed {1}")
    @CsvSource({"0.10, 1012", "0.30, 3032"})
    void theSnapshotLifecycle_neverDuplicatesNorDeletesWhatItKeeps_reportsExactly_andConverges(double rate, long seed) {
        try (SnapshotEstate estate = new SnapshotEstate(moto.endpoint()); FaultyNetwork network = new FaultyNetwork(moto.endpoint(), rate, seed)) {
            List<String> volumes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String volume = estate.volume(Map.of("backup", "daily"));
                volumes.add(volume);
                for (int day = 1; day <= 3; day++) { // three earlier windows; count 2 keeps yesterday's beside today's
                    String window = Instant.parse(TODAY).minus(Duration.ofDays(day)).toString();
                    estate.snapshot(SnapshotEstate.REGION, volume,
                            Map.of("cloudwarden:plan", "daily", "cloudwarden:window", window, "cloudwarden:volume", volume), "seeded");
                }
            }
            Map<String, String> yesterdays = windowSnapshots(estate, YESTERDAY);

            for (int run = 0; run < RUNS; run++) {
                RunReport report = LocalAudit.run(PolicyLoader.parse(SNAPSHOT_POLICY, "fault test"), SnapshotLifecycle.OPERATION,
                        ProviderConfig.of(SnapshotEstate.REGION).withEndpoint(network.endpoint()), RunRequest.sweep(Trigger.SCHEDULE, false),
                        Clock.fixed(T.plus(Duration.ofMinutes(5L * run)), ZoneOffset.UTC));
                String what = "run " + (run + 1) + " (" + network.summary() + "): ";
                assertOnePerWindow(what, estate);
                assertThat(ids(estate, SnapshotEstate.REGION)).as(what + "yesterday's window, which count 2 keeps, is never deleted")
                        .containsAll(yesterdays.values());
                Set<String> present = ids(estate, SnapshotEstate.REGION);
                for (Finding finding : report.findings()) {
                    String reason = finding.action().reason();
                    switch (finding.action().kind()) {
                        case "delete-snapshot" -> {
                            if (finding.action().status() == Status.APPLIED) {
                                assertThat(present).as(what + reason).doesNotContain(finding.resource().id());
                            } else if (finding.action().status() == Status.FAILED) {
                                assertThat(present).as(what + "failed, so still there: " + reason).contains(finding.resource().id());
                            }
                        }
                        case "create-snapshot" -> {
                            if (finding.action().status() == Status.APPLIED) {
                                Matcher took = TOOK.matcher(reason);
                                assertThat(took.find()).as(what + reason).isTrue();
                                assertThat(present).as(what + reason).contains(took.group(1));
                            } else if (finding.action().status() == Status.FAILED && !reason.contains("the answer was lost")) {
                                assertThat(windowSnapshots(estate, TODAY)).as(what + "failed without a lost answer, so not taken: " + reason)
                                        .doesNotContainKey(finding.resource().id());
                            }
                        }
                        default -> {
                        }
                    }
                }
            }

            assertThat(windowsByVolume(originals(estate, SnapshotEstate.REGION))).as("converged (" + network.summary() + ")")
                    .isEqualTo(volumes.stream().collect(Collectors.toMap(v -> v, v -> Set.of(TODAY, YESTERDAY))));
            assertThat(windowsByVolume(estate.snapshots(SnapshotEstate.DR_REGION))).as("one copy of today's window each")
                    .isEqualTo(volumes.stream().collect(Collectors.toMap(v -> v, v -> Set.of(TODAY))));
            assertThat(windowSnapshots(estate, YESTERDAY)).as("yesterday's snapshots are the ones seeded").isEqualTo(yesterdays);
            assertThat(network.injected()).as("calls were really failed").isPositive();
            System.out.printf("fault injection: snapshot lifecycle at %.0f %%, %d runs: %s%n", rate * 100, RUNS, network.summary());
        }
    }

    /** No volume has two snapshots of one window in the region, nor two copies of one window in the copy region. */
    private static void assertOnePerWindow(String what, SnapshotEstate estate) {
        for (String region : List.of(SnapshotEstate.REGION, SnapshotEstate.DR_REGION)) {
            Map<String, Long> perWindow = estate.snapshots(region).stream().filter(s -> s.tags().containsKey("cloudwarden:plan"))
                    .collect(Collectors.groupingBy(s -> s.tags().get("cloudwarden:volume") + " @ " + s.tags().get("cloudwarden:window"),
                            Collectors.counting()));
            assertThat(perWindow.values()).as(what + "one per volume and window in " + region + ": " + perWindow).allMatch(n -> n == 1);
        }
    }

    /** volume → its snapshot of {@code window} in the region. */
    private static Map<String, String> windowSnapshots(SnapshotEstate estate, String window) {
        Map<String, String> byVolume = new HashMap<>();
        originals(estate, SnapshotEstate.REGION).stream().filter(s -> window.equals(s.tags().get("cloudwarden:window")))
                .forEach(s -> byVolume.put(s.tags().get("cloudwarden:volume"), s.id()));
        return byVolume;
    }

    private static List<SnapshotView> originals(SnapshotEstate estate, String region) {
        return estate.snapshots(region).stream()
                .filter(s -> s.tags().containsKey("cloudwarden:plan") && !s.tags().containsKey("cloudwarden:copy-of")).toList();
    }

    private static Map<String, Set<String>> windowsByVolume(List<SnapshotView> snapshots) {
        return snapshots.stream().filter(s -> s.tags().containsKey("cloudwarden:plan")).collect(Collectors.groupingBy(
                s -> s.tags().get("cloudwarden:volume"), Collectors.mapping(s -> s.tags().get("cloudwarden:window"), Collectors.toSet())));
    }

    private static Set<String> ids(SnapshotEstate estate, String region) {
        return estate.snapshots(region).stream().map(SnapshotView::id).collect(Collectors.toSet());
    }

    private static Map<String, List<String>> ingress(Ec2Estate estate, Map<String, String> groups) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        groups.forEach((name, id) -> rules.put(name, estate.ingress(id)));
        return rules;
    }

    /** The rule a security-group finding is about, as {@link Ec2Estate#ingress} writes it: "tcp 22 from 0.0.0.0/0". */
    private static String ruleOf(Finding finding) {
        String[] key = finding.evidence().get("rule") instanceof Map<?, ?> rule ? String.valueOf(rule.get("id")).split(":", 5) : new String[0];
        String protocol = key[1].equals("-1") ? "all traffic" : key[1] + " " + (key[2].equals(key[3]) ? key[2] : key[2] + "-" + key[3]);
        return protocol + " from " + key[4];
    }
}
