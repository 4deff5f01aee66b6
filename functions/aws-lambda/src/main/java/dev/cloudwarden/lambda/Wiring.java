package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.cloudwarden.core.trigger.EventFields;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.events.aws.AwsEventDecoder;
import dev.cloudwarden.runtime.FunctionRunner;
import dev.cloudwarden.runtime.Invocation;
import dev.cloudwarden.runtime.Platform;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What AWS and Lambda are to the shared {@link FunctionRunner}, said once for every handler: EventBridge's events,
 * the region Lambda names in {@code AWS_REGION}, the policy in the task root, the Security Hub export
 * ({@code CLOUDWARDEN_SECURITY_HUB=true}: ASFF, one Security Hub finding per report finding; the role needs
 * securityhub:DescribeHub once per container, securityhub:BatchImportFindings per 100 findings and, on a sweep,
 * securityhub:GetFindings per 100 active findings), and the account and time left of each invocation, from its
 * {@link Context}.
 */
final class Wiring {
    /** The decoder every handler reads its events with. */
    static final AwsEventDecoder EVENTS = new AwsEventDecoder();
    static final Platform LAMBDA = new Platform(EVENTS, "AWS", "AWS_REGION",
            // Lambda unpacks the deployment package into its task root
            "/var/task/policy.yaml",
            Optional.of(new Platform.FindingsExport("CLOUDWARDEN_SECURITY_HUB", "Security Hub", "security-hub-export",
                    "the Security Hub SDK module (software.amazon.awssdk:securityhub) is not in this deployment")));

    private Wiring() {
    }

    /** The runner of one handler: settings from {@code env}, structured logs to {@code log}. */
    static FunctionRunner runner(Map<String, String> env, PrintStream log) {
        return new FunctionRunner(LAMBDA, env, log);
    }

    /** The invocation Lambda's {@code context} describes; {@code null} when the caller is not the Lambda runtime. */
    static Invocation invocation(Context context) {
        return new LambdaInvocation(context);
    }

    /**
     * One invocation as Lambda's context describes it. Its account is the fifth field of the invoked function's ARN
     * ({@code arn:aws:lambda:us-east-1:123456789012:function:name}). No context, or an ARN without an account, and
     * the function cannot check an event's account, so it refuses the event (the Lambda runtime always passes one).
     */
    record LambdaInvocation(Context context) implements Invocation {
        @Override
        public String account() {
            if (context == null) {
                throw new UnsupportedEventException("no Lambda context: the function cannot tell which account it runs in, so it acts"
                        + " on no event (the Lambda runtime always passes one)");
            }
            String arn = String.valueOf(context.getInvokedFunctionArn());
            String[] parts = arn.split(":", -1);
            if (parts.length < 6 || !parts[0].equals("arn") || !parts[4].matches("[0-9]{12}")) {
                throw new UnsupportedEventException("the Lambda context's function ARN " + EventFields.quote(arn)
                        + " names no account, so the function cannot check the event's account and acts on no event");
            }
            return parts[4];
        }

        @Override
        public OptionalLong remainingMillis() {
            return context == null ? OptionalLong.empty() : OptionalLong.of(context.getRemainingTimeInMillis());
        }
    }
}
