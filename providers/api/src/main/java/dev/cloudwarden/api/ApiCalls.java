package dev.cloudwarden.api;

import java.util.Map;
import java.util.TreeMap;

/** API requests sent to a cloud, retries included, counted by operation (for example {@code ec2:DescribeSecurityGroups}). */
public record ApiCalls(Map<String, Long> byOperation) {
    public ApiCalls {
        byOperation = Map.copyOf(byOperation);
    }

    public long total() {
        return byOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The calls made since {@code earlier} was taken. */
    public ApiCalls since(ApiCalls earlier) {
        Map<String, Long> delta = new TreeMap<>();
        byOperation.forEach((op, n) -> {
            long d = n - earlier.byOperation.getOrDefault(op, 0L);
            if (d > 0) {
                delta.put(op, d);
            }
        });
        return new ApiCalls(delta);
    }

    public Map<String, Long> sorted() {
        return new TreeMap<>(byOperation);
    }
}
