package dev.cloudwarden.aws;

import dev.cloudwarden.api.ApiCalls;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every HTTP request the SDK sends, retries included, under its IAM action name
 * ({@code ec2:CreateTags}, {@code tag:GetResources}): the names an IAM policy must grant, so the
 * calls a test observes can be compared with the policy Terraform deploys.
 */
final class ApiCallCounter implements ExecutionInterceptor {
    /**
     * SDK service names whose IAM prefix is not simply the name in lower case. The Tagging API's client
     * calls itself ResourceGroupsTaggingApi (endpoint and signing name "tagging"), while IAM says {@code tag:}.
     */
    private static final Map<String, String> IAM_PREFIXES = Map.of("resourcegroupstaggingapi", "tag");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = iamPrefix(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
    }

    static String iamPrefix(String sdkServiceName) {
        String service = sdkServiceName.toLowerCase(Locale.ROOT);
        return IAM_PREFIXES.getOrDefault(service, service);
    }

    ApiCalls snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((op, n) -> copy.put(op, n.sum()));
        return new ApiCalls(copy);
    }
}
