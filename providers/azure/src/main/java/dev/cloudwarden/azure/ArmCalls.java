package dev.cloudwarden.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.cloudwarden.api.ApiCalls;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Counts every request the SDK puts on the wire, retries and long-running-operation polls included, under the ARM
 * operation it stands for ({@code Microsoft.Network/networkSecurityGroups/securityRules/delete}): the names a role
 * definition grants, so that the permissions a run needed can be read off its report. Placed per retry, after the SDK's
 * own retry policy, so a throttled request and its retry count twice, as they do against the subscription's limits.
 */
final class ArmCalls implements HttpPipelinePolicy {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        count(context);
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        count(context);
        return next.processSync();
    }

    ApiCalls snapshot() {
        return new ApiCalls(counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
    }

    private void count(HttpPipelineCallContext context) {
        counts.computeIfAbsent(operation(context.getHttpRequest().getHttpMethod().name(), context.getHttpRequest().getUrl()),
                key -> new AtomicLong()).incrementAndGet();
    }

    /**
     * The ARM operation of a request: the resource types after {@code /providers/NAMESPACE}, each name between them
     * left out, and the verb ({@code read}, {@code write}, {@code delete}, or the action a POST names). A poll of a
     * long-running operation reads {@code Microsoft.Network/locations/operations}.
     */
    static String operation(String method, URL url) {
        String[] parts = url.getPath().split("/");
        int providers = -1;
        for (int i = parts.length - 1; i >= 0; i--) { // the innermost provider: an extension resource names its own
            if (parts[i].equalsIgnoreCase("providers")) {
                providers = i;
                break;
            }
        }
        if (providers < 0 || providers + 1 >= parts.length) {
            return "Microsoft.Resources/" + verb(method);
        }
        StringBuilder operation = new StringBuilder(parts[providers + 1]);
        for (int i = providers + 2; i < parts.length; i += 2) {
            operation.append('/').append(parts[i]);
        }
        return operation + "/" + verb(method);
    }

    private static String verb(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "read";
            case "PUT", "PATCH" -> "write";
            case "DELETE" -> "delete";
            default -> "action";
        };
    }
}
