package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.testing.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Invoking a handler as Lambda would, and reading what it returned and logged, for the handler tests. */
final class Invocations {
    /** The account the emulator's resources belong to, and the one the test functions run in. */
    static final String ACCOUNT = "123456789012";
    /** A function of {@link #ACCOUNT} in us-east-1 with five minutes left, as the runtime passes one. */
    static final LambdaContext CONTEXT = LambdaContext.withRemaining(300_000);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Invocations() {
    }

    /** Invokes {@code handler} with {@code event} and {@link #CONTEXT}, and returns its report, checked against the schema. */
    static JsonNode invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, CONTEXT);
        String json = out.toString(StandardCharsets.UTF_8);
        ReportSchema.assertValid(json);
        return JSON.readTree(json);
    }

    /** One structured log line; a line that is not JSON fails the test. */
    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("log line is not JSON: " + line, e);
        }
    }

    /** Every line the function logged. */
    static List<JsonNode> logLines(ByteArrayOutputStream logs) {
        return logs.toString(StandardCharsets.UTF_8).lines().map(Invocations::json).toList();
    }

    /**
     * The Lambda runtime's context as far as the functions read it: the invoked function's ARN (which names the
     * account the function runs in) and the time left.
     */
    record LambdaContext(String invokedFunctionArn, int millis) implements Context {
        static LambdaContext withRemaining(int millis) {
            return inAccount(ACCOUNT, millis);
        }

        static LambdaContext inAccount(String account, int millis) {
            return new LambdaContext("arn:aws:lambda:us-east-1:" + account + ":function:cloudwarden-test", millis);
        }

        @Override
        public int getRemainingTimeInMillis() {
            return millis;
        }

        @Override
        public String getAwsRequestId() {
            return "test-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/cloudwarden-test";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "cloudwarden-test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return invokedFunctionArn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
