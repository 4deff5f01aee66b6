package dev.cloudwarden.events.aws;

import dev.cloudwarden.core.catalog.Operations;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.aws.AwsNames;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing of every event decoder (Jazzer): whatever the bytes, each decoder, for each operation,
 * either decodes a {@link DecodedEvent} or refuses with an {@link UnsupportedEventException} that says why in a printable
 * sentence. Anything else (a NullPointerException, a ClassCastException, a StackOverflowError, a refusal that wraps a
 * defect) is a finding: a bug to fix, its input kept under {@code src/test/resources/.../EventDecoderFuzzTestInputs}.
 *
 * <p>In the test command's {@code test} phase this runs as a regression test on its seeds: every file in events/aws and
 * bad-input/events (copied there by the build) and every finding ever kept. In its {@code integration-test} phase it
 * fuzzes for a bounded time (surefire execution {@code fuzz-event-decoders} in this module's pom); for longer, see
 * {@code bad-input/fuzz-events}.
 */
class EventDecoderFuzzTest {
    private static final List<String> OPERATIONS = Operations.ids();
    private static final AwsEventDecoder DECODER = new AwsEventDecoder();

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"detail-type\"", "\"source\"", "\"account\"", "\"region\"", "\"detail\"", "\"id\"", "\"resources\"",
            "\"Scheduled Event\"", "\"AWS API Call via CloudTrail\"", "\"EBS Snapshot Notification\"",
            "\"EBS Multi-Volume Snapshots Completion Status\"", "\"EC2 Instance State-change Notification\"",
            "\"aws.events\"", "\"aws.scheduler\"", "\"aws.ec2\"", "\"aws.ssm\"", "\"aws.tagging\"", "\"123456789012\"", "\"us-east-1\"",
            "\"eventName\"", "\"errorCode\"", "\"requestParameters\"", "\"responseElements\"", "\"userIdentity\"", "\"eventTime\"",
            "\"groupId\"", "\"instancesSet\"", "\"items\"", "\"instanceId\"", "\"snapshotSet\"", "\"item\"", "\"baselineId\"",
            "\"snapshot_id\"", "\"snapshots\"", "\"result\"", "\"succeeded\"", "\"failed\"", "\"state\"", "\"running\"",
            "\"instance-id\"", "\"createSnapshot\"", "\"createSnapshots\"", "\"copySnapshot\"", "\"RunInstances\"",
            "\"AuthorizeSecurityGroupIngress\"", "\"UpdatePatchBaseline\"", "\"TagResources\"", "\"resourceARNList\"", "\\u"})
    void everyDecoder_decodesOrRefuses_neverCrashes(byte[] bytes) {
        // the whole way, as the handlers and the CLI take an event: a refusal that wraps a defect is a finding too
        outcome(() -> DECODER.read(new ByteArrayInputStream(bytes), FirewallAudit.OPERATION));
        JsonNode event;
        try {
            event = AwsEvents.JSON.parse(bytes);
        } catch (UnsupportedEventException refused) {
            checkRefusal(refused);
            return;
        }
        outcome(() -> DECODER.scheduled(event));
        for (String operation : OPERATIONS) {
            outcome(() -> DECODER.decode(event, operation));
            outcome(() -> DECODER.cloudTrail(event, operation));
            outcome(() -> DECODER.snapshotJob(event, operation));
            outcome(() -> DECODER.instanceStateChange(event, operation));
        }
    }

    private static void outcome(Supplier<DecodedEvent> decoder) {
        DecodedEvent decoded;
        try {
            decoded = decoder.get();
        } catch (UnsupportedEventException refused) {
            checkRefusal(refused);
            return;
        }
        if (decoded == null) {
            throw new AssertionError("a decoder returned null");
        }
        if (AwsNames.INSTANCE.regionProblem(decoded.region()).isPresent() || !decoded.account().matches("[0-9]{12}")) {
            throw new AssertionError("decoded an event whose region or account is not one: " + decoded);
        }
    }

    private static void checkRefusal(UnsupportedEventException refused) {
        String message = refused.getMessage();
        if (message == null || message.isBlank()) {
            throw new AssertionError("a refusal without a message", refused);
        }
        if (refused.getCause() != null) {
            throw new AssertionError("the decoder failed on the event: " + message, refused.getCause());
        }
        if (message.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new AssertionError("a refusal quotes the event raw: " + message.replaceAll("\\p{Cntrl}", "?"));
        }
    }
}
