package dev.cloudwarden.azureemulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.cloudwarden.azureemulator.ArmEstate.Nsg;
import dev.cloudwarden.azureemulator.ArmEstate.Operation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The WireMock extension that answers every request from the estate: WireMock serves HTTPS and keeps the request
 * journal; this transformer routes the request by its path, reads or changes the estate under its monitor, and
 * returns the response ARM would give. The one stub of {@link ArmServer} matches every request and names this
 * transformer, so nothing else answers.
 *
 * <p>Routes (paths compared without regard to case, as ARM does):
 * <ul>
 *   <li>{@code GET /subscriptions/{s}/providers/Microsoft.Network/networkSecurityGroups} and
 *       {@code GET .../resourceGroups/{rg}/providers/Microsoft.Network/networkSecurityGroups}: pages of
 *       {@link ArmEstate#pageSize} groups, linked by an absolute {@code nextLink} with a {@code $skipToken};</li>
 *   <li>{@code GET .../networkSecurityGroups/{n}}; {@code GET .../securityRules} and {@code .../defaultSecurityRules}
 *       (one page), {@code GET .../defaultSecurityRules/{r}};</li>
 *   <li>{@code GET|PUT|DELETE .../networkSecurityGroups/{n}/securityRules/{r}}: PUT answers 201 (new) or 200
 *       (replaced) with {@code Azure-AsyncOperation}; DELETE answers 202 with {@code Azure-AsyncOperation} and
 *       {@code Location}, or 204 when the rule is already gone;</li>
 *   <li>{@code GET .../networkInterfaces/{nic}}, {@code GET .../virtualNetworks/{v}/subnets/{s}};</li>
 *   <li>{@code GET /subscriptions/{s}/providers/Microsoft.Network/locations/{l}/operations/{id}} (the operation's
 *       status) and {@code .../operationResults/{id}} (its Location: 202 while running, then 204).</li>
 * </ul>
 * Anything else is answered 501 {@code NotImplementedInArmServer}.
 */
final class ArmAnswers implements ResponseDefinitionTransformerV2 {
    static final String NAME = "cloudwarden-arm";
    private static final String NETWORK = ArmEstate.NETWORK;

    private final ArmEstate estate;
    private final Supplier<String> endpoint;

    ArmAnswers(ArmEstate estate, Supplier<String> endpoint) {
        this.estate = estate;
        this.endpoint = endpoint;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        Answer answer;
        try {
            synchronized (estate) {
                answer = answer(request.getMethod().getName().toUpperCase(Locale.ROOT), request.getUrl(),
                        query(request, "api-version"), query(request, "$skipToken"), request.getBodyAsString());
            }
        } catch (RuntimeException e) {
            // a bug here: say so in ARM's shape rather than as Jetty's HTML page
            answer = Answer.error(new ArmError(500, "InternalServerError", "ArmServer failed on " + request.getMethod() + " "
                    + request.getUrl() + ": " + e));
        }
        return answer.definition();
    }

    private static String query(Request request, String name) {
        return request.queryParameter(name).isPresent() ? request.queryParameter(name).firstValue() : null;
    }

    private Answer answer(String method, String url, String apiVersion, String skipToken, String body) {
        String rawPath = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        if (estate.throttledRequests > 0) {
            estate.throttledRequests--;
            String kind = method.equals("GET") ? "read" : "write";
            return Answer.error(ArmError.throttled(estate.subscription, kind, estate.throttleRetryAfter))
                    .header("Retry-After", String.valueOf(estate.throttleRetryAfter))
                    .header("x-ms-ratelimit-remaining-subscription-" + kind + "s", "0");
        }
        if (apiVersion == null || apiVersion.isBlank()) {
            return Answer.error(ArmError.missingApiVersion());
        }
        List<String> segments = segments(rawPath);
        if (segments.size() < 2 || !segments.get(0).equalsIgnoreCase("subscriptions")) {
            return Answer.error(ArmError.notEmulated(method, rawPath));
        }
        if (!segments.get(1).equalsIgnoreCase(estate.subscription)) {
            return Answer.error(ArmError.subscriptionNotFound(segments.get(1)));
        }
        Route route = new Route(method, rawPath, segments.subList(2, segments.size()));
        if (route.matches("GET", "providers", NETWORK, "networkSecurityGroups")) {
            return listNsgs(null, skipToken, rawPath);
        }
        if (route.matches("GET", "providers", NETWORK, "locations", "*", "operations", "*")) {
            return operationStatus(route.value(3), route.value(5));
        }
        if (route.matches("GET", "providers", NETWORK, "locations", "*", "operationResults", "*")) {
            return operationResult(route.value(3), route.value(5));
        }
        if (segments.size() < 4 || !segments.get(2).equalsIgnoreCase("resourceGroups")) {
            return Answer.error(ArmError.notEmulated(method, rawPath));
        }
        String resourceGroup = segments.get(3);
        if (!estate.hasResourceGroup(resourceGroup)) {
            return Answer.error(ArmError.resourceGroupNotFound(resourceGroup));
        }
        Route inGroup = new Route(method, rawPath, segments.subList(4, segments.size()));
        if (inGroup.matches("GET", "providers", NETWORK, "networkSecurityGroups")) {
            return listNsgs(resourceGroup, skipToken, rawPath);
        }
        if (inGroup.matches("GET", "providers", NETWORK, "networkInterfaces", "*")) {
            String name = inGroup.value(3);
            return estate.nic(estate.nicId(resourceGroup, name))
                    .map(nic -> Answer.json(200, ArmJson.nic(nic)))
                    .orElseGet(() -> Answer.error(ArmError.resourceNotFound(NETWORK + "/networkInterfaces", name, resourceGroup)));
        }
        if (inGroup.matches("GET", "providers", NETWORK, "virtualNetworks", "*", "subnets", "*")) {
            String id = estate.subnetId(resourceGroup, inGroup.value(3), inGroup.value(5));
            return estate.subnet(id)
                    .map(subnet -> Answer.json(200, ArmJson.subnet(estate, subnet)))
                    .orElseGet(() -> Answer.error(ArmError.childNotFound(id)));
        }
        if (!inGroup.startsWith("providers", NETWORK, "networkSecurityGroups", "*")) {
            return Answer.error(ArmError.notEmulated(method, rawPath));
        }
        String nsgName = inGroup.value(3);
        Optional<Nsg> found = estate.nsg(estate.nsgId(resourceGroup, nsgName));
        if (found.isEmpty()) {
            return Answer.error(ArmError.resourceNotFound(NETWORK + "/networkSecurityGroups", nsgName, resourceGroup));
        }
        Nsg nsg = found.get();
        Route inNsg = new Route(method, rawPath, segments.subList(8, segments.size()));
        if (inNsg.matches("GET")) {
            return Answer.json(200, ArmJson.nsg(estate, nsg));
        }
        if (inNsg.matches("GET", "securityRules")) {
            return Answer.json(200, ArmJson.list(nsg.rules().stream().map(r -> ArmJson.rule(nsg, r, "Succeeded")).toList(), null));
        }
        if (inNsg.matches("GET", "defaultSecurityRules")) {
            return Answer.json(200, ArmJson.list(ArmJson.DEFAULT_RULES.stream().map(r -> ArmJson.defaultRule(nsg, r)).toList(), null));
        }
        if (inNsg.matches("GET", "defaultSecurityRules", "*")) {
            String name = inNsg.value(1);
            return ArmJson.DEFAULT_RULES.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst()
                    .map(r -> Answer.json(200, ArmJson.defaultRule(nsg, r)))
                    .orElseGet(() -> Answer.error(ArmError.childNotFound(nsg.id + "/defaultSecurityRules/" + name)));
        }
        if (inNsg.matches("GET", "securityRules", "*")) {
            String name = inNsg.value(1);
            return nsg.rule(name)
                    .map(r -> Answer.json(200, ArmJson.rule(nsg, r, "Succeeded")))
                    .orElseGet(() -> Answer.error(ArmError.childNotFound(nsg.ruleId(name))));
        }
        if (inNsg.matches("PUT", "securityRules", "*")) {
            return putRule(nsg, inNsg.value(1), body);
        }
        if (inNsg.matches("DELETE", "securityRules", "*")) {
            return deleteRule(nsg, inNsg.value(1));
        }
        return Answer.error(ArmError.notEmulated(method, rawPath));
    }

    private Answer listNsgs(String resourceGroupOrNull, String skipToken, String rawPath) {
        List<Nsg> all = estate.nsgs(resourceGroupOrNull);
        int from;
        try {
            from = skipToken == null ? 0 : Integer.parseInt(skipToken);
        } catch (NumberFormatException e) {
            return Answer.error(new ArmError(400, "InvalidSkipToken", "The $skipToken '" + skipToken + "' is not valid."));
        }
        int to = (int) Math.min(all.size(), (long) from + estate.pageSize);
        List<ObjectNode> page = all.subList(Math.min(from, all.size()), to).stream().map(n -> ArmJson.nsg(estate, n)).toList();
        String nextLink = to < all.size()
                ? base() + rawPath.substring(1) + "?api-version=" + ArmServer.API_VERSION + "&$skipToken=" + to
                : null;
        return Answer.json(200, ArmJson.list(page, nextLink));
    }

    private Answer putRule(Nsg nsg, String name, String body) {
        String ruleId = nsg.ruleId(name);
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? null : ArmJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return Answer.error(ArmError.invalidRequestFormat("The body is not JSON."));
        }
        ArmRuleCheck.Result read = ArmRuleCheck.read(name, ruleId, request == null ? null : request.get("properties"));
        if (read.error() != null) {
            return Answer.error(read.error());
        }
        ArmRule rule = read.rule();
        Optional<ArmRule> holder = nsg.conflictWith(rule);
        if (holder.isPresent()) {
            return Answer.error(ArmError.conflict(holder.get().name(), name));
        }
        Operation operation = estate.startOperation(nsg.location);
        boolean created = nsg.rule(name).isEmpty();
        if (operation.failure == null) {
            nsg.put(rule);
        }
        // the first answer shows the rule as sent, still being provisioned (real answers say Updating)
        ArmRule shown = operation.failure == null ? nsg.rule(name).orElseThrow() : rule;
        return Answer.json(created ? 201 : 200, ArmJson.rule(nsg, shown, "Updating"))
                .header("Azure-AsyncOperation", operationUrl(operation, "operations"))
                .header("Retry-After", String.valueOf(estate.operationRetryAfter));
    }

    private Answer deleteRule(Nsg nsg, String name) {
        if (nsg.rule(name).isEmpty()) {
            return Answer.empty(204);
        }
        Operation operation = estate.startOperation(nsg.location);
        if (operation.failure == null) {
            nsg.remove(name);
        }
        return Answer.empty(202)
                .header("Azure-AsyncOperation", operationUrl(operation, "operations"))
                .header("Location", operationUrl(operation, "operationResults"))
                .header("Retry-After", String.valueOf(estate.operationRetryAfter));
    }

    private Answer operationStatus(String location, String id) {
        Optional<Operation> operation = estate.operation(id);
        if (operation.isEmpty()) {
            return Answer.error(new ArmError(404, "NotFound", "Operation " + id + " in location " + location + " not found."));
        }
        boolean running = operation.get().poll();
        Answer answer = Answer.json(200, ArmJson.operationStatus(operation.get(), running));
        return running ? answer.header("Retry-After", String.valueOf(estate.operationRetryAfter)) : answer;
    }

    private Answer operationResult(String location, String id) {
        Optional<Operation> found = estate.operation(id);
        if (found.isEmpty()) {
            return Answer.error(new ArmError(404, "NotFound", "Operation " + id + " in location " + location + " not found."));
        }
        Operation operation = found.get();
        if (operation.poll()) {
            return Answer.empty(202)
                    .header("Location", operationUrl(operation, "operationResults"))
                    .header("Retry-After", String.valueOf(estate.operationRetryAfter));
        }
        if (operation.failure != null) {
            return Answer.error(new ArmError(400, operation.failure.code(), operation.failure.message()));
        }
        return Answer.empty(204);
    }

    private String operationUrl(Operation operation, String kind) {
        return base() + "subscriptions/" + estate.subscription + "/providers/" + NETWORK + "/locations/" + operation.location
                + "/" + kind + "/" + operation.id + "?api-version=" + ArmServer.API_VERSION;
    }

    /** {@code https://127.0.0.1:PORT/}: links point back to this server, absolute as ARM's are. */
    private String base() {
        return endpoint.get();
    }

    /** The path's segments, percent-decoded (ARM names never hold a slash, so decoding before splitting is safe). */
    private static List<String> segments(String rawPath) {
        String decoded;
        try {
            decoded = new URI(rawPath).getPath();
        } catch (URISyntaxException e) {
            decoded = rawPath;
        }
        List<String> segments = new ArrayList<>(Arrays.asList(decoded.split("/")));
        segments.removeIf(String::isEmpty);
        return segments;
    }

    /** A request's method and path segments, matched against a pattern where {@code *} takes any one segment. */
    private record Route(String method, String rawPath, List<String> segments) {
        boolean matches(String wantedMethod, String... pattern) {
            return method.equals(wantedMethod) && segments.size() == pattern.length && startsWith(pattern);
        }

        boolean startsWith(String... pattern) {
            if (segments.size() < pattern.length) {
                return false;
            }
            for (int i = 0; i < pattern.length; i++) {
                if (!pattern[i].equals("*") && !pattern[i].equalsIgnoreCase(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        String value(int index) {
            return segments.get(index);
        }
    }

    /** One response: status, headers and body (JSON text, or none). */
    private record Answer(int status, Map<String, String> headers, String body) {
        static Answer json(int status, ObjectNode body) {
            return new Answer(status, new LinkedHashMap<>(Map.of("Content-Type", "application/json; charset=utf-8")),
                    body.toString());
        }

        static Answer error(ArmError error) {
            return json(error.status(), ArmJson.error(error));
        }

        static Answer empty(int status) {
            return new Answer(status, new LinkedHashMap<>(), null);
        }

        Answer header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        ResponseDefinition definition() {
            String requestId = UUID.randomUUID().toString();
            ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(status)
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("x-ms-request-id", requestId)
                    .withHeader("x-ms-correlation-request-id", requestId);
            headers.forEach(builder::withHeader);
            if (body != null) {
                builder.withBody(body);
            }
            return builder.build();
        }
    }
}
