package dev.cloudwarden.cli;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SampleEvents;
import dev.cloudwarden.emulator.SnapshotEstate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudwarden run} as a user runs it, against an estate seeded in moto; the estate left behind is checked. */
@ExtendWith(MotoExtension.class)
class RunCommandTest {
    private static final String REVOKE_POLICY = """
            version: 1
            cloud: aws
            securityGroupAudit:
              exempt:
                tags:
                  cloudwarden:exempt: "true"
              remediation:
                action: revoke
            """;
    private static final String DAILY_SNAPSHOTS = """
            version: 1
            cloud: aws
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select:
                    volumeTags: {backup: daily}
                  retain: {count: 7}
            """;

    private final MotoServer moto;
    private Ec2Estate estate;
    private Map<String, String> groups;
    private Map<String, List<String>> before;
    @TempDir
    Path dir;

    RunCommandTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void seed() {
        estate = new Ec2Estate(moto.endpoint());
        groups = estate.seedDemo();
        before = ingressByGroup();
    }

    @AfterEach
    void close() {
        estate.close();
    }

    @Test
    void dryRun_reportsEveryExposure_andChangesNothing() throws IOException {
        moto.startRecording();

        Result result = run("run", "--policy", policy(REVOKE_POLICY), "--dry-run", "--endpoint", moto.endpoint().toString(),
                "--region", "us-east-1");

        assertThat(result.exit()).isEqualTo(ExitCode.COMPLETE);
        JsonNode report = result.report();
        assertThat(report.at("/run/mode").asText()).isEqualTo("dry-run");
        assertThat(findingsByGroupName(report)).containsExactlyInAnyOrder("web", "db", "legacy-admin", "windows-jump", "bastion");
        assertThat(report.at("/counts/actions/planned").asInt()).isEqualTo(4);
        assertThat(moto.recordedActions()).allMatch(action -> action.startsWith("Describe"));
        assertThat(ingressByGroup()).isEqualTo(before);
    }

    @Test
    void apply_revokesExactlyTheOffendingRules() throws IOException {
        Result result = run("run", "--policy", policy(REVOKE_POLICY), "--endpoint", moto.endpoint().toString(),
                "--region", "us-east-1");

        assertThat(result.exit()).isEqualTo(ExitCode.COMPLETE);
        assertThat(result.report().at("/counts/actions/applied").asInt()).isEqualTo(4);
        Map<String, List<String>> after = ingressByGroup();
        assertThat(after.get("web")).containsExactly("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0");
        assertThat(after.get("db")).containsExactly("tcp 5432 from 10.0.0.0/8");
        assertThat(after.get("legacy-admin")).isEmpty();
        assertThat(after.get("windows-jump")).containsExactly("tcp 3389 from 192.0.2.10/32");
        for (String untouched : List.of("app", "internal", "bastion")) {
            assertThat(after.get(untouched)).as(untouched).isEqualTo(before.get(untouched));
        }
    }

    @Test
    void aMalformedPolicy_exits2_namingTheFieldAndLine_beforeAnyCall() throws IOException {
        moto.startRecording();

        Result result = run("run", "--policy", policy(REVOKE_POLICY.replace("action: revoke", "action: delete")),
                "--endpoint", moto.endpoint().toString(), "--region", "us-east-1");

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).contains("line 8: securityGroupAudit.remediation.action: expected one of report, revoke, narrow, got \"delete\"");
        assertThat(result.out()).isEmpty();
        assertThat(moto.recordedActions()).isEmpty();
    }

    @Test
    void aMissingPolicyFile_exits2_namingTheFile() {
        Result result = run("run", "--policy", dir.resolve("nope.yaml").toString(), "--region", "us-east-1");

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).contains("nope.yaml").contains("no such file");
    }

    @Test
    void aCloudTrailEventFile_evaluatesOnlyTheGroupItNames() throws IOException {
        String event = Files.readString(SampleEvents.awsDir().resolve("cloudtrail-authorize-ingress-ipv4.json"))
                .replace(SampleEvents.SAMPLE_GROUP_ID, groups.get("db"));
        Path eventFile = Files.writeString(dir.resolve("event.json"), event);

        Result result = run("run", "--policy", policy(REVOKE_POLICY), "--event", eventFile.toString(),
                "--endpoint", moto.endpoint().toString());

        assertThat(result.exit()).isEqualTo(ExitCode.COMPLETE);
        assertThat(result.report().at("/run/targets/0").asText()).isEqualTo(groups.get("db"));
        assertThat(ingressByGroup().get("db")).containsExactly("tcp 5432 from 10.0.0.0/8");
        assertThat(ingressByGroup().get("web")).isEqualTo(before.get("web"));
    }

    @Test
    void anUnsupportedEventFile_exits2_namingTheFile() throws IOException {
        Path event = SampleEvents.awsDir().resolve("invalid/unknown-detail-type.json");

        Result result = run("run", "--policy", policy(REVOKE_POLICY), "--event", event.toString(),
                "--endpoint", moto.endpoint().toString());

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).contains("unknown-detail-type.json").contains("EC2 Instance State-change Notification");
    }

    @Test
    void aPlanBeyondTheBlastRadius_isRefusedWhole_exits1_andChangesNothing() throws IOException {
        String policy = REVOKE_POLICY + "  blastRadius:\n    maxChanges: 3\n";

        Result result = run("run", "--policy", policy(policy), "--endpoint", moto.endpoint().toString(), "--region", "us-east-1");

        assertThat(result.exit()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(result.report().at("/run/status").asText()).isEqualTo("refused");
        assertThat(result.err()).contains("the plan changes 4 groups, more than blastRadius.maxChanges 3");
        assertThat(ingressByGroup()).isEqualTo(before);
    }

    @Test
    void anEndpointThatDoesNotAnswer_exits1_withAFailedReportNamingTheCall() throws IOException {
        Result result = run("run", "--policy", policy(REVOKE_POLICY), "--endpoint", "http://127.0.0.1:9", "--region", "us-east-1");

        assertThat(result.exit()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(result.report().at("/run/status").asText()).isEqualTo("failed");
        assertThat(result.report().at("/run/error").asText()).contains("ec2:DescribeSecurityGroups");
    }

    @Test
    void aPolicyWithTwoOperations_needsOperation_andRunsTheOneNamed() throws IOException {
        String both = policy(REVOKE_POLICY + """
                tagCompliance:
                  resourceTypes: [ec2:security-group]
                  required:
                    - key: owner
                """);
        moto.startRecording();

        Result ambiguous = run("run", "--policy", both, "--endpoint", moto.endpoint().toString(), "--region", "us-east-1");
        assertThat(ambiguous.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(ambiguous.err()).contains("security-group-audit, tag-compliance: name the operation to run");
        assertThat(moto.recordedActions()).isEmpty();

        Result tags = run("run", "--policy", both, "--operation", "tag-compliance", "--dry-run",
                "--endpoint", moto.endpoint().toString(), "--region", "us-east-1");
        assertThat(tags.exit()).isEqualTo(ExitCode.COMPLETE);
        JsonNode report = tags.report();
        assertThat(report.at("/run/operation").asText()).isEqualTo("tag-compliance");
        // the seven demo groups and the default groups of the estate's VPC and of the default VPC: none has an owner
        assertThat(report.at("/counts/resourcesScanned").asInt()).isEqualTo(groups.size() + 2);
        assertThat(report.at("/counts/findings").asInt()).isEqualTo(groups.size() + 2);
        assertThat(findingsByGroupName(report)).containsAll(groups.keySet());
        assertThat(ingressByGroup()).isEqualTo(before);

        Result unknown = run("run", "--policy", both, "--operation", "snapshot-lifecycle", "--region", "us-east-1");
        assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(unknown.err()).contains("operation 'snapshot-lifecycle' is not declared in the policy");
    }

    @Test
    void anEbsNotificationFile_isHandledAsTheSnapshotFunctionWould() throws IOException {
        String policy = policy(DAILY_SNAPSHOTS);
        Path failed = SampleEvents.awsDir().resolve("ebs-create-snapshot-failed.json");
        moto.startRecording();

        Result result = run("run", "--policy", policy, "--event", failed.toString(), "--endpoint", moto.endpoint().toString());

        assertThat(result.exit()).isEqualTo(ExitCode.COMPLETE);
        assertThat(result.report().at("/run/operation").asText()).isEqualTo("snapshot-lifecycle");
        assertThat(result.report().at("/findings/0/check").asText()).isEqualTo("snapshots.snapshot-failed");
        assertThat(result.report().at("/findings/0/severity").asText()).isEqualTo("high");
        assertThat(moto.recordedActions()).as("the event's account checked first, then the snapshots read")
                .containsExactly("GetCallerIdentity", "DescribeSnapshots");
    }

    /** {@code run --event} replays a schedule's event: the window is the one its time names, not today's. */
    @Test
    void aScheduledEventFile_replaysTheWindowItsTimeNames_andAtRunsAsOfAnyMoment() throws IOException {
        String policy = policy(DAILY_SNAPSHOTS);
        Path scheduled = SampleEvents.awsDir().resolve("scheduled-sweep.json");
        try (SnapshotEstate snapshots = new SnapshotEstate(moto.endpoint())) {
            snapshots.volume(Map.of("backup", "daily"));

            Result replayed = run("run", "--policy", policy, "--event", scheduled.toString(), "--endpoint", moto.endpoint().toString());
            Result asOf = run("run", "--policy", policy, "--at", "2026-11-30T10:00:00Z", "--endpoint", moto.endpoint().toString(),
                    "--region", "us-east-1");

            assertThat(replayed.exit()).isEqualTo(ExitCode.COMPLETE);
            assertThat(replayed.report().at("/run/windows/0/start").asText()).isEqualTo("2026-03-10T03:00:00Z");
            assertThat(asOf.exit()).isEqualTo(ExitCode.COMPLETE);
            assertThat(asOf.report().at("/run/asOf").asText()).isEqualTo("2026-11-30T10:00:00Z");
            assertThat(asOf.report().at("/run/windows/0/start").asText()).isEqualTo("2026-11-30T03:00:00Z");
            assertThat(snapshots.snapshots(SnapshotEstate.REGION)).extracting(s -> s.tags().get("cloudwarden:window"))
                    .containsExactlyInAnyOrder("2026-03-10T03:00:00Z", "2026-11-30T03:00:00Z");
        }
    }

    @Test
    void anAtThatIsNotAnInstant_exits2_beforeAnyCall() throws IOException {
        moto.startRecording();

        Result result = run("run", "--policy", policy(DAILY_SNAPSHOTS), "--at", "yesterday", "--endpoint", moto.endpoint().toString(),
                "--region", "us-east-1");

        assertThat(result.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).contains("--at").contains("'yesterday' is not an instant: give one in UTC such as 2026-11-30T10:00:00Z");
        assertThat(moto.recordedActions()).isEmpty();
    }

    /** Old names of the policy still work, read the same, and say on stderr what to write instead. */
    @Test
    void aPolicyWithAnOldName_runs_andSaysOnStderrWhatToWriteInstead() throws IOException {
        String file = policy(REVOKE_POLICY + "  blastRadius:\n    maxGroups: 1\n");

        Result result = run("run", "--policy", file, "--dry-run", "--endpoint", moto.endpoint().toString(), "--region", "us-east-1");

        assertThat(result.exit()).as("four groups planned, one allowed: the old name is read as maxChanges").isEqualTo(ExitCode.COMPLETE);
        assertThat(result.report().at("/findings/0/action/reason").asText()).contains("more than blastRadius.maxChanges 1");
        assertThat(result.err()).contains("cloudwarden: warning: " + file + " line 10: securityGroupAudit.blastRadius.maxGroups: "
                + "deprecated: write maxChanges");
    }

    @Test
    void anUnknownOption_exits2() {
        assertThat(run("run", "--policy", "p.yaml", "--dry-runn").exit()).isEqualTo(ExitCode.INVALID_INPUT);
    }

    private String policy(String text) throws IOException {
        return Files.writeString(dir.resolve("policy-" + System.nanoTime() + ".yaml"), text).toString();
    }

    private Map<String, List<String>> ingressByGroup() {
        Map<String, List<String>> rules = new java.util.LinkedHashMap<>();
        groups.forEach((name, id) -> rules.put(name, estate.ingress(id)));
        return rules;
    }

    private List<String> findingsByGroupName(JsonNode report) {
        List<String> names = new ArrayList<>();
        StreamSupport.stream(report.path("findings").spliterator(), false)
                .forEach(f -> names.add(f.at("/resource/name").asText()));
        return names;
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
        JsonNode report() throws IOException {
            ReportSchema.assertValid(out);
            return new ObjectMapper().readTree(out);
        }
    }
}
