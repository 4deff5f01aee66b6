package dev.cloudwarden.infra;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.emulator.SampleEvents;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SsmGapServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployable Lambda jar, shrunk by ProGuard (functions/aws-lambda/proguard.conf), still runs every operation: each
 * is invoked in a fresh JVM whose class path is the jar and one small driver compiled against the jar alone, with the
 * environment the Terraform module sets, through the handler Terraform deploys ({@code EventBridgeHandler}) and the
 * sample scheduled event. A class the shrinker removed but the run needs fails here as a NoClassDefFoundError,
 * NoSuchMethodError or a ServiceLoader that finds nothing, in the child's exit code and output.
 *
 * <p>{@code -Dcloudwarden.lambdaJar=…} runs the same checks against another jar (the unshrunk one, to check the test).
 */
@ExtendWith(MotoExtension.class)
class ShrunkLambdaJarTest {
    private static final Path JAR = Path.of(System.getProperty("cloudwarden.lambdaJar", Repo.LAMBDA_JAR.toString()));
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            version: 1
            cloud: aws
            securityGroupAudit:
              remediation:
                action: revoke
            tagCompliance:
              resourceTypes: [ec2:instance, ec2:volume]
              required:
                - key: owner
                  default: team@example.com
              remediation:
                addDefaults: true
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 0 1 1 ? *)
                  select:
                    volumeTags: {backup: daily}
                  retain: {count: 7}
                  copies:
                    - region: us-west-2
            patchBaselines:
              baselines:
                - name: web-al2023
                  operatingSystem: AMAZON_LINUX_2023
                  default: true
                  patchGroups: [web-servers]
                  approvalRules:
                    - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 7, complianceLevel: CRITICAL}
            """;
    /**
     * The driver: the runtime interface client's part, calling the handler Lambda is configured with, and what the
     * client itself calls in the function's class path (compiled against the jar alone, so a method the shrinker
     * removed fails the compilation).
     */
    private static final String DRIVER = """
            import com.amazonaws.services.lambda.runtime.ClientContext;
            import com.amazonaws.services.lambda.runtime.CognitoIdentity;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.LambdaLogger;
            import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.file.Files;
            import java.nio.file.Path;

            /** Invokes the handler named in args[0] with the event file args[1]; its answer goes to the file args[2]. */
            public final class ShrunkJarDriver {
                public static void main(String[] args) throws Exception {
                    long deadline = System.currentTimeMillis() + 300_000;
                    Context context = new Context() {
                        public String getAwsRequestId() { return "0b1c2d3e-shrunk-jar-test"; }
                        public String getLogGroupName() { return "/aws/lambda/cloudwarden"; }
                        public String getLogStreamName() { return "shrunk-jar-test"; }
                        public String getFunctionName() { return "cloudwarden"; }
                        public String getFunctionVersion() { return "$LATEST"; }
                        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:cloudwarden"; }
                        public CognitoIdentity getIdentity() { return null; }
                        public ClientContext getClientContext() { return null; }
                        public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
                        public int getMemoryLimitInMB() { return 512; }
                        public LambdaLogger getLogger() {
                            return new LambdaLogger() {
                                public void log(String message) { System.out.println(message); }
                                public void log(byte[] message) { System.out.println(new String(message)); }
                            };
                        }
                    };
                    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
                    // as the runtime interface client (2.10) does around each invocation: the trace id the SDK reads
                    software.amazon.awssdk.utilslite.SdkInternalThreadLocal.put("AWS_LAMBDA_X_TRACE_ID",
                            "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=0");
                    try (InputStream in = Files.newInputStream(Path.of(args[1])); OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
                        handler.handleRequest(in, out, context);
                    } finally {
                        software.amazon.awssdk.utilslite.SdkInternalThreadLocal.remove("AWS_LAMBDA_X_TRACE_ID");
                    }
                }
            }
            """;

    private static Path driverDir;
    private final MotoServer moto;

    ShrunkLambdaJarTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeAll
    static void compileDriver() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            Tools.unavailable("the Lambda jar " + JAR, "build it first: ./mvnw package -pl functions/aws-lambda -am");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            Tools.unavailable("javac", "the tests run on a JRE; the driver is compiled against the jar alone");
        }
        driverDir = Files.createTempDirectory("shrunk-jar-driver");
        Path source = driverDir.resolve("ShrunkJarDriver.java");
        Files.writeString(source, DRIVER);
        // only the jar on the class path: the driver can use nothing the jar does not hold
        int status = javac.run(null, null, null, "--release", "21", "-proc:none", "-classpath", JAR.toString(),
                "-d", driverDir.toString(), source.toString());
        assertThat(status).as("the driver compiles against %s alone", JAR).isZero();
    }

    @Test
    void everyClassNamedInAServicesFileIsInTheJar() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> missing = new ArrayList<>();
            for (var entry : jar.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()).toList()) {
                String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                text.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
                        .filter(name -> jar.getEntry(name.replace('.', '/') + ".class") == null)
                        .forEach(name -> missing.add(entry.getName() + ": " + name));
            }
            assertThat(missing).as("ServiceLoader would fail on these").isEmpty();
        }
    }

    @Test
    void securityGroupAudit_revokesTheOpenSsh() throws IOException {
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            String open = estate.group("open-ssh", Map.of(), tcp(22, "0.0.0.0/0"), tcp(443, "10.0.0.0/8"));
            String inside = estate.group("inside", Map.of(), tcp(3306, "10.0.0.0/8"));

            Run run = invoke("security-group-audit", moto.endpoint(), Map.of());

            assertThat(run.report().at("/run/status").asText()).isEqualTo("complete");
            assertThat(run.report().at("/findings")).singleElement().satisfies(f -> {
                assertThat(f.path("check").asText()).isEqualTo("firewall.ingress-open-to-internet");
                assertThat(f.at("/resource/id").asText()).isEqualTo(open);
                assertThat(f.at("/action/status").asText()).isEqualTo("applied");
            });
            assertThat(estate.ingress(open)).containsExactly("tcp 443 from 10.0.0.0/8");
            assertThat(estate.ingress(inside)).containsExactly("tcp 3306 from 10.0.0.0/8");
        }
    }

    @Test
    void securityGroupAudit_withSecurityHub_filesTheFinding() throws IOException {
        enableSecurityHub();
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            String open = estate.group("open-ssh", Map.of(), tcp(22, "0.0.0.0/0"));

            Run run = invoke("security-group-audit", moto.endpoint(), Map.of("CLOUDWARDEN_SECURITY_HUB", "true"));

            assertThat(run.report().at("/findings/0/resource/id").asText()).isEqualTo(open);
            JsonNode exported = run.logLine("security-hub-export");
            assertThat(exported.path("imported").asInt()).as(run.output()).isEqualTo(1);
        }
    }

    @Test
    void tagCompliance_addsTheMissingDefault() throws IOException {
        try (ResourceEstate resources = new ResourceEstate(moto.endpoint())) {
            String untagged = resources.instance(Map.of("Name", "web"));
            String tagged = resources.volume(Map.of("owner", "db@example.com"));

            Run run = invoke("tag-compliance", moto.endpoint(), Map.of());

            assertThat(run.report().at("/run/status").asText()).isEqualTo("complete");
            assertThat(run.report().at("/findings")).extracting(f -> f.at("/resource/id").asText())
                    .contains(untagged).doesNotContain(tagged);
            assertThat(resources.tagsOf(untagged)).containsEntry("owner", "team@example.com");
            assertThat(resources.tagsOf(tagged)).containsEntry("owner", "db@example.com");
        }
    }

    @Test
    void snapshotLifecycle_snapshotsTheSelectedVolume_andCopiesIt() throws IOException {
        try (SnapshotEstate snapshots = new SnapshotEstate(moto.endpoint())) {
            String daily = snapshots.volume(Map.of("backup", "daily"));
            String other = snapshots.volume(Map.of());

            Run run = invoke("snapshot-lifecycle", moto.endpoint(), Map.of());

            assertThat(run.report().at("/run/status").asText()).isEqualTo("complete");
            assertThat(snapshots.snapshots(SnapshotEstate.REGION)).extracting(SnapshotEstate.SnapshotView::volumeId)
                    .containsExactly(daily).doesNotContain(other);
            assertThat(snapshots.snapshots(SnapshotEstate.DR_REGION)).hasSize(1);
        }
    }

    @Test
    void patchBaselines_createsTheDeclaredBaseline() throws IOException {
        try (SsmGapServer gap = SsmGapServer.start(moto)) {
            Run run = invoke("patch-baselines", gap.endpoint(), Map.of());

            assertThat(run.report().at("/run/status").asText()).isEqualTo("complete");
            assertThat(run.report().at("/run/operation").asText()).isEqualTo("patch-baselines");
            List<String> calls = new ArrayList<>(gap.forwarded());
            calls.addAll(gap.served());
            assertThat(calls).contains("CreatePatchBaseline", "RegisterPatchBaselineForPatchGroup", "RegisterDefaultPatchBaseline");
        }
    }

    /** What one invocation in a fresh JVM answered and printed. */
    private record Run(JsonNode report, String output) {
        JsonNode logLine(String event) {
            return output.lines().filter(l -> l.startsWith("{")).map(ShrunkLambdaJarTest::json)
                    .filter(j -> event.equals(j.path("type").asText()))
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no '" + event + "' log line in:\n" + output));
        }
    }

    /**
     * Runs {@code EventBridgeHandler} from the jar in a fresh JVM with the scheduled sample event and the variables the
     * Terraform module sets (CLOUDWARDEN_POLICY, CLOUDWARDEN_OPERATION, CLOUDWARDEN_DRY_RUN, CLOUDWARDEN_SECURITY_HUB),
     * those Lambda sets (AWS_REGION, credentials) and the emulator's endpoint; nothing inherited from this JVM.
     */
    private Run invoke(String operation, URI endpoint, Map<String, String> extra) throws IOException {
        Path work = Files.createTempDirectory("shrunk-jar-run");
        Path report = work.resolve("report.json");
        Map<String, String> env = new HashMap<>(Map.of(
                "CLOUDWARDEN_POLICY", POLICY,
                "CLOUDWARDEN_OPERATION", operation,
                "CLOUDWARDEN_DRY_RUN", "false",
                "CLOUDWARDEN_SECURITY_HUB", "false",
                "CLOUDWARDEN_ENDPOINT", endpoint.toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "shrunk-jar-test",
                "AWS_SECRET_ACCESS_KEY", "shrunk-jar-test",
                "AWS_EC2_METADATA_DISABLED", "true",
                "HOME", work.toString()));
        env.putAll(extra);
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(javaExe, "-Daws.disableEc2Metadata=true",
                "-cp", JAR + File.pathSeparator + driverDir, "ShrunkJarDriver", "dev.cloudwarden.lambda.EventBridgeHandler",
                SampleEvents.awsDir().resolve("scheduled-sweep.json").toString(), report.toString());
        Tools.Result result = runClean(work, env, command);
        assertThat(result.exitCode()).as("%s from %s exited with %d; its output:\n%s", operation, JAR.getFileName(),
                result.exitCode(), result.output()).isZero();
        String answer = Files.readString(report);
        return new Run(JSON.readTree(answer), result.output());
    }

    /** {@link Tools#run} with only {@code env} in the child's environment (no CLOUDWARDEN_* or AWS_* of this one). */
    private static Tools.Result runClean(Path dir, Map<String, String> env, List<String> command) {
        Map<String, String> clean = new HashMap<>(env);
        // Tools.run adds to the inherited environment; blank what this JVM has that the child must not see
        System.getenv().keySet().stream().filter(k -> k.startsWith("CLOUDWARDEN_") || k.startsWith("AWS_") || k.startsWith("JAVA_TOOL"))
                .filter(k -> !env.containsKey(k)).forEach(k -> clean.put(k, ""));
        return Tools.run(dir, clean, RUN_TIMEOUT, command);
    }

    /** EnableSecurityHub on moto through its REST API: the jar's shrunk Security Hub client no longer has that call. */
    private void enableSecurityHub() {
        HttpRequest request = HttpRequest.newBuilder(moto.endpoint().resolve("/accounts")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=analyst/20260101/us-east-1/securityhub/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"EnableDefaultStandards\":false}")).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("EnableSecurityHub: %s", response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
