package dev.cloudwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input on the command line is exit 2 and one sentence, before any call: no Java exception's name, no stack trace,
 * nothing raw from what was typed.
 */
@ExtendWith(MotoExtension.class)
class RunCommandInputTest {
    private static final Pattern JAVA_TRACE = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|Error)\\b|\\bjava\\.|^\\s+at ", Pattern.MULTILINE);

    private final MotoServer moto;
    @TempDir
    Path dir;
    private String policy;

    RunCommandInputTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void writePolicy() throws IOException {
        policy = Files.writeString(dir.resolve("policy.yaml"), "version: 1\ncloud: aws\nsecurityGroupAudit: {}\n").toString();
        moto.startRecording();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--endpoint|\"\"|Invalid value for option '--endpoint': endpoint '' cannot be used: it does not start with http:// or https://",
            "--endpoint|localhost:15101|endpoint 'localhost:15101' cannot be used: it does not start with http:// or https://",
            "--endpoint|http://exa mple|endpoint 'http://exa mple' cannot be used: it is not a valid URL",
            "--endpoint|http://127.0.0.1:99999|its port is above 65535",
            "--region|us east 1|region 'us east 1' is not an AWS region name (such as us-east-1 or eu-west-2)",
            "--region|us-east-1/x|region 'us-east-1/x' is not an AWS region name",
            "--region|../../etc|region '../../etc' is not an AWS region name",
            "--timeout|soon|Invalid value for option '--timeout': 'soon' is not a duration: give one such as 30s, 10m, 1h or 1m30s",
            "--timeout|0s|'0s' is out of range: a timeout is at least 1s and at most 24h",
            "--timeout|-5s|'-5s' is not a duration",
            "--format|xml|Invalid value for option '--format': expected one of [json, text] (case-sensitive) but was 'xml'",
    })
    void aBadOptionValue_exits2_inOneSentence_beforeAnyCall(String option, String value, String message) {
        List<String> args = new ArrayList<>(List.of("run", "--policy", policy, option, value));
        if (!option.equals("--endpoint")) {
            args.addAll(List.of("--endpoint", moto.endpoint().toString()));
        }
        if (!option.equals("--region")) {
            args.addAll(List.of("--region", "us-east-1"));
        }

        Result result = run(args.toArray(String[]::new));

        assertInvalid(result, message);
    }

    @Test
    void aPolicyThatIsADirectory_exits2() {
        assertInvalid(run("run", "--policy", dir.toString(), "--region", "us-east-1", "--endpoint", moto.endpoint().toString()),
                "--policy " + dir + " is a directory, not a file");
    }

    @Test
    void anEventThatIsADirectory_orMissing_exits2() {
        assertInvalid(run("run", "--policy", policy, "--event", dir.toString(), "--endpoint", moto.endpoint().toString()),
                "--event " + dir + " is a directory, not a file");
        assertInvalid(run("run", "--policy", policy, "--event", dir.resolve("nope.json").toString(), "--endpoint", moto.endpoint().toString()),
                "event file " + dir.resolve("nope.json") + " does not exist");
    }

    /**
     * A policy for a cloud this build carries no provider for is refused at its cloud field, before its event is read
     * or any call is made: neither its names nor its events could be checked.
     */
    @Test
    void aPolicyForACloudThisBuildLacks_exits2_atItsCloudField_beforeItsEventIsRead() throws IOException {
        String gcp = Files.writeString(dir.resolve("gcp.yaml"), "version: 1\ncloud: gcp\nsecurityGroupAudit: {}\n").toString();
        Path event = Files.writeString(dir.resolve("event.json"), "{}");

        assertInvalid(run("run", "--policy", gcp, "--event", event.toString(), "--endpoint", moto.endpoint().toString()),
                "line 2: cloud: this build cannot run a policy for gcp: no provider module for cloud 'gcp' on the class path (providers present: aws, azure)");
        assertThat(moto.recordedActions()).isEmpty();
    }

    @Test
    void aFileNameThatCannotBeOne_exits2() {
        assertInvalid(run("run", "--policy", "a\0b.yaml"), "Invalid value for option '--policy': 'a\\u0000b.yaml' is not a file name: Nul character not allowed");
    }

    /** What the CLI itself quotes back (a region, a file name) is escaped too, not only what the event decoder quotes. */
    @Test
    void aValueQuotedInTheCommandsOwnMessages_isEchoedPrintable() {
        assertInvalid(run("run", "--policy", policy, "--region", "us-east-1\u001b[2J", "--endpoint", moto.endpoint().toString()),
                "region 'us-east-1\\u001b[2J' is not an AWS region name");
        assertInvalid(run("run", "--policy", policy, "--event", dir.resolve("x\u001b[2J.json").toString(), "--endpoint", moto.endpoint().toString()),
                "x\\u001b[2J.json does not exist");
    }

    @Test
    void whatWasTyped_isEchoedPrintable() {
        Result result = run("run", "--policy", policy, "--no-such-option\u001b[2J\u202e");

        assertInvalid(result, "Unknown option: '--no-such-option\\u001b[2J\\u202e'");
    }

    /**
     * Names come from the cloud, where anyone who may create a group may name it: the text summary escapes them too
     * (here what XML, EC2's answer, can carry: a C1 control sequence introducer, a right-to-left override, a zero-width space).
     */
    @Test
    void theTextSummary_printsNamesFromTheCloudPrintable() {
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            estate.group("web\u009b2J\u202e\u200bdb", java.util.Map.of(), Ec2Estate.tcp(22, "0.0.0.0/0"));
        }

        Result result = run("run", "--policy", policy, "--dry-run", "--format", "text", "--endpoint", moto.endpoint().toString(),
                "--region", "us-east-1");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCode.COMPLETE);
        assertThat(result.out()).contains("(web\\u009b2J\\u202e\\u200bdb) lets the internet reach ssh (22)");
        assertThat(result.out().chars()).noneMatch(c -> Character.isISOControl(c) && c != '\n' || Character.getType(c) == Character.FORMAT);
    }

    @Test
    void printable_escapesWhatMovesTheCursorOrReordersText_andKeepsLinesAndTabs() {
        assertThat(Printable.of("a\u001b[31mb\rc\u0085d\u200be\u2028f\n\tg\uD800h")).isEqualTo(
                "a\\u001b[31mb\\u000dc\\u0085d\\u200be\\u2028f\n\tg\\ud800h");
        assertThat(Printable.of("Grüße, 日本, 🙂")).isEqualTo("Grüße, 日本, 🙂");
    }

    private void assertInvalid(Result result, String message) {
        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).contains(message);
        assertThat(result.err().lines().filter(l -> l.startsWith("cloudwarden:"))).as("one sentence").hasSize(1);
        assertThat(JAVA_TRACE.matcher(result.err()).find()).as(result.err()).isFalse();
        assertThat(result.err().chars()).noneMatch(c -> Character.isISOControl(c) && c != '\n' || Character.getType(c) == Character.FORMAT);
        assertThat(result.out()).isEmpty();
        assertThat(moto.recordedOperations()).as("nothing is called for bad input").isEmpty();
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
