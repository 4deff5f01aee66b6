package dev.cloudwarden.aws;

import dev.cloudwarden.api.ApiCalls;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts every HTTP request the SDK sends, retries included, as {@code service:Operation}. */
final class ApiCallCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
    }

    ApiCalls snapshot() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counts.forEach((op, n) -> copy.put(op, n.sum()));
        return new ApiCalls(copy);
    }
}
