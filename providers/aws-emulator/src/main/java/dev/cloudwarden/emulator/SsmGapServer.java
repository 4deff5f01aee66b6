package dev.cloudwarden.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SSM endpoint for tests of Patch Manager code: a local server on 127.0.0.1 that sends every SSM operation
 * moto implements correctly on to moto unchanged, and answers the ones it lacks or gets wrong itself, in the
 * shapes of SSM's published API model (AWS JSON 1.1), from state kept consistent with moto's. Point the SDK's
 * {@code SsmClient} at {@link #endpoint()}.
 *
 * <p>Served here, each for the reason in {@link #SERVED_OPERATIONS}: GetPatchBaseline, UpdatePatchBaseline,
 * RegisterDefaultPatchBaseline, GetDefaultPatchBaseline, DescribePatchGroups, RegisterPatchBaselineForPatchGroup,
 * DeregisterPatchBaselineForPatchGroup, GetPatchBaselineForPatchGroup, DescribeInstanceInformation,
 * DescribeInstancePatchStates, DescribeInstancePatchStatesForPatchGroup, ListCommandInvocations.
 *
 * <p>Sent to moto but watched, as {@link #WATCHED_OPERATIONS} says: CreatePatchBaseline (its content is kept
 * here, as moto answers only identities), DeletePatchBaseline, DescribePatchBaselines and SendCommand; the
 * tagging operations are served for patch baselines and managed nodes (moto can tag neither) and forwarded
 * otherwise. Every other request — any SSM operation, any other service, moto's own {@code /moto-api} — goes to
 * moto unchanged, headers and all (moto takes region and account from the signature), and moto's answer comes
 * back as it is.
 *
 * <p>Managed nodes and their patch states exist only here: a test sets them with {@link #manage} and
 * {@link #patchState}. {@link #forwarded()} and {@link #served()} say which operations ran where.
 *
 * <p>Bounded: one loopback socket, 8 threads and 256 queued exchanges, request bodies up to 1 MiB, relayed
 * answers up to 32 MiB, 30 s per forwarded call, and at most {@value #MAX_RECORDED} recorded operations of each
 * kind (the oldest are dropped), plus the limits of the state classes.
 */
public final class SsmGapServer implements AutoCloseable {
    /** Operations answered here, and what moto 5.2.5 does with each (checked in its {@code ssm/responses.py} and {@code models.py}). */
    public static final Map<String, String> SERVED_OPERATIONS = servedOperations();
    /** Operations moto answers, and what this server does around them. */
    public static final Map<String, String> WATCHED_OPERATIONS = watchedOperations();
    public static final int MAX_RECORDED = 10_000;

    private static final String TARGET_PREFIX = "AmazonSSM.";
    private static final int MAX_REQUEST = 1 << 20;
    private static final int MAX_RELAYED = 32 << 20;
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);
    private static final int THREADS = 8;
    private static final int QUEUE = 256;
    /** Headers the JDK's client sets itself (or refuses), and hop-by-hop headers, which are never relayed. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date", "server");

    private final URI moto;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final SsmPatchBaselines baselines = new SsmPatchBaselines(clock);
    private final SsmManagedNodes nodes = new SsmManagedNodes();
    private final Deque<String> forwarded = new ArrayDeque<>();
    private final Deque<String> served = new ArrayDeque<>();

    private SsmGapServer(URI moto) throws IOException {
        this.moto = moto;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "ssm-gap-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // moto's Werkzeug speaks HTTP/1.1; no h2c upgrade attempts
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        this.server.setExecutor(executor);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    /** Starts the gap server in front of a running moto server, on a free port of 127.0.0.1. */
    public static SsmGapServer start(MotoServer moto) {
        return start(moto.endpoint());
    }

    /** Starts the gap server in front of the moto server at {@code motoEndpoint}. */
    public static SsmGapServer start(URI motoEndpoint) {
        try {
            return new SsmGapServer(URI.create(motoEndpoint.toString().replaceAll("/+$", "")));
        } catch (IOException e) {
            throw new UncheckedIOException("the SSM gap server could not bind a port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Where the SDK's SSM client is pointed: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Registers a managed node whose agent is online, last seen now. */
    public SsmManagedInstance manage(String instanceId, String platformType, String platformName) {
        return manage(instanceId, platformType, platformName, "Online");
    }

    /** Registers a managed node with this ping status ({@code Online}, {@code ConnectionLost}, {@code Inactive}), last seen now. */
    public SsmManagedInstance manage(String instanceId, String platformType, String platformName, String pingStatus) {
        SsmManagedInstance node = SsmManagedInstance.online(instanceId, platformType, platformName, clock.instant())
                .withPingStatus(pingStatus);
        manage(node);
        return node;
    }

    /** Registers (or replaces) a managed node. */
    public void manage(SsmManagedInstance node) {
        nodes.manage(node);
    }

    /**
     * Sets a node's patch state after an operation ({@code Scan} or {@code Install}) that ended at
     * {@code operationEnd}; see {@link SsmPatchState#of} for the members this leaves at their defaults.
     */
    public SsmPatchState patchState(String instanceId, String patchGroup, String baselineId, SsmPatchState.Counts counts,
                                 String operation, Instant operationEnd) {
        SsmPatchState state = SsmPatchState.of(instanceId, patchGroup, baselineId, counts, operation, operationEnd);
        patchState(state);
        return state;
    }

    /** Sets (or replaces) a node's patch state. */
    public void patchState(SsmPatchState state) {
        nodes.patchState(state);
    }

    /**
     * The operations sent on to moto, in the order received: the SSM operation's name, a query request's
     * {@code Action} (an EC2 call sent here), else {@code METHOD /path}.
     */
    public List<String> forwarded() {
        synchronized (forwarded) {
            return List.copyOf(forwarded);
        }
    }

    /** The operations answered here, in the order received. */
    public List<String> served() {
        synchronized (served) {
            return List.copyOf(served);
        }
    }

    /**
     * Forgets everything this server holds — baselines, registrations, defaults, nodes, patch states, commands —
     * and the recorded operations. Reset moto with it ({@link MotoServer#reset()}), as the two states go together;
     * a {@code POST /moto-api/reset} sent through this server resets both.
     */
    public void reset() {
        forgetState();
        synchronized (forwarded) {
            forwarded.clear();
        }
        synchronized (served) {
            served.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        http.close();
    }

    private void forgetState() {
        baselines.reset();
        nodes.reset();
    }

    // --- one exchange ----------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            SsmAnswer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                e.printStackTrace(); // a bug of this server: say so loudly, and answer as a service fault
                answer = SsmAnswer.fault("the SSM gap server failed: " + e);
            }
            send(exchange, answer);
        }
    }

    private SsmAnswer answer(HttpExchange exchange) throws IOException {
        byte[] body = readBounded(exchange.getRequestBody(), MAX_REQUEST);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            String described = described(exchange, body);
            if (body == null) {
                return record(served, described, SsmAnswer.error("ValidationException", "request body larger than " + MAX_REQUEST + " bytes"));
            }
            SsmAnswer answer = forward(exchange, body);
            if (answer.status() / 100 == 2 && exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals("/moto-api/reset")) {
                forgetState(); // moto forgot everything: so does this server
            }
            return record(forwarded, described, answer);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        if (body == null) {
            return record(served, operation, SsmAnswer.error("ValidationException", "request body larger than " + MAX_REQUEST + " bytes"));
        }
        if (!SERVED_OPERATIONS.containsKey(operation) && !WATCHED_OPERATIONS.containsKey(operation)) {
            return record(forwarded, operation, forward(exchange, body));
        }
        Optional<ObjectNode> parsed = SsmJson.parse(body);
        if (parsed.isEmpty()) {
            return record(served, operation, SsmAnswer.error("SerializationException", "the request body is not a JSON object"));
        }
        ObjectNode request = parsed.get();
        SsmScope scope = SsmScope.of(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("x-moto-account-id"));
        return switch (operation) {
            case "GetPatchBaseline" -> record(served, operation, baselines.get(scope, request));
            case "UpdatePatchBaseline" -> record(served, operation, baselines.update(scope, request));
            case "RegisterPatchBaselineForPatchGroup" -> record(served, operation, baselines.registerForGroup(scope, request));
            case "DeregisterPatchBaselineForPatchGroup" -> record(served, operation, baselines.deregisterForGroup(scope, request));
            case "GetPatchBaselineForPatchGroup" -> record(served, operation, baselines.baselineForGroup(scope, request));
            case "DescribePatchGroups" -> record(served, operation, baselines.describeGroups(scope, request));
            case "RegisterDefaultPatchBaseline" -> record(served, operation, baselines.registerDefault(scope, request));
            case "GetDefaultPatchBaseline" -> record(served, operation, baselines.getDefault(scope, request));
            case "DescribeInstanceInformation" -> record(served, operation, nodes.describeInstanceInformation(request));
            case "DescribeInstancePatchStates" -> record(served, operation, nodes.describeInstancePatchStates(request));
            case "DescribeInstancePatchStatesForPatchGroup" ->
                    record(served, operation, nodes.describeInstancePatchStatesForPatchGroup(request));
            case "ListCommandInvocations" -> record(served, operation, nodes.listCommandInvocations(scope, request));
            case "CreatePatchBaseline" -> create(exchange, body, scope, request);
            case "DeletePatchBaseline" -> delete(exchange, body, scope, request);
            case "DescribePatchBaselines" -> describeBaselines(exchange, scope, request);
            case "SendCommand" -> sendCommand(exchange, body, scope, request);
            case "ListCommands" -> listCommands(exchange, body, scope);
            case "AddTagsToResource", "RemoveTagsFromResource", "ListTagsForResource" ->
                    tagging(operation, exchange, body, scope, request);
            default -> throw new IllegalStateException("no route for the listed operation " + operation);
        };
    }

    private SsmAnswer create(HttpExchange exchange, byte[] body, SsmScope scope, ObjectNode request) {
        Optional<SsmAnswer> refused = baselines.refuseCreate(scope, request);
        if (refused.isPresent()) {
            return record(served, "CreatePatchBaseline", refused.get());
        }
        byte[] toMoto = request.has("Tags") ? json(SsmPatchBaselines.forMoto(request)) : body;
        SsmAnswer answer = forward(exchange, toMoto);
        if (answer.status() == 200) {
            SsmJson.parse(answer.body()).ifPresent(created -> baselines.created(scope, request, created));
        }
        return record(forwarded, "CreatePatchBaseline", answer);
    }

    private SsmAnswer delete(HttpExchange exchange, byte[] body, SsmScope scope, ObjectNode request) {
        Optional<SsmAnswer> refused = baselines.refuseDelete(scope, request);
        if (refused.isPresent()) {
            return record(served, "DeletePatchBaseline", refused.get());
        }
        return record(forwarded, "DeletePatchBaseline", baselines.deleted(scope, request, forward(exchange, body)));
    }

    /** Moto is asked for its whole listing — no filters, no paging — and this server filters, pages and patches it. */
    private SsmAnswer describeBaselines(HttpExchange exchange, SsmScope scope, ObjectNode request) {
        Optional<SsmAnswer> refused = baselines.refuseDescribe(request);
        if (refused.isPresent()) {
            return record(served, "DescribePatchBaselines", refused.get());
        }
        SsmAnswer all = forward(exchange, "{}".getBytes(StandardCharsets.UTF_8));
        return record(forwarded, "DescribePatchBaselines", baselines.described(scope, request, all));
    }

    private SsmAnswer sendCommand(HttpExchange exchange, byte[] body, SsmScope scope, ObjectNode request) {
        SsmAnswer answer = forward(exchange, body);
        if (answer.status() != 200) {
            return record(forwarded, "SendCommand", answer);
        }
        Optional<ObjectNode> sent = SsmJson.parse(answer.body());
        if (sent.isEmpty()) {
            return record(forwarded, "SendCommand", answer);
        }
        boolean byIds = request.path("InstanceIds").isArray() && !request.path("InstanceIds").isEmpty()
                && (!request.has("Targets") || request.path("Targets").isEmpty());
        if (byIds && sent.get().path("Command").isObject()) {
            ObjectNode command = (ObjectNode) sent.get().path("Command");
            command.set("InstanceIds", request.get("InstanceIds").deepCopy());
            command.put("TargetCount", request.get("InstanceIds").size());
        }
        nodes.sent(scope, request, sent.get());
        return record(forwarded, "SendCommand", byIds ? SsmAnswer.json(sent.get()) : answer);
    }

    /** Moto's listing, each command sent through this server shown with the instances it was sent to. */
    private SsmAnswer listCommands(HttpExchange exchange, byte[] body, SsmScope scope) {
        SsmAnswer answer = forward(exchange, body);
        Optional<ObjectNode> listed = answer.status() == 200 ? SsmJson.parse(answer.body()) : Optional.empty();
        if (listed.isEmpty() || !listed.get().path("Commands").isArray()) {
            return record(forwarded, "ListCommands", answer);
        }
        for (com.fasterxml.jackson.databind.JsonNode command : listed.get().get("Commands")) {
            nodes.instancesOf(scope, command.path("CommandId").asText("")).ifPresent(ids -> {
                com.fasterxml.jackson.databind.node.ArrayNode instances = ((ObjectNode) command).putArray("InstanceIds");
                ids.forEach(instances::add);
                ((ObjectNode) command).put("TargetCount", ids.size());
            });
        }
        return record(forwarded, "ListCommands", SsmAnswer.json(listed.get()));
    }

    private static byte[] json(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return SsmJson.MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not write: " + e.getMessage(), e);
        }
    }

    /** How a request without an SSM target is recorded: a query request's {@code Action} (EC2's), else {@code METHOD /path}. */
    private static String described(HttpExchange exchange, byte[] body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (body != null && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.startsWith("Action=")) {
                    return java.net.URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    /** Tags of patch baselines and managed nodes live here (moto can tag neither); of anything else, in moto. */
    private SsmAnswer tagging(String operation, HttpExchange exchange, byte[] body, SsmScope scope, ObjectNode request) {
        boolean baseline = SsmPatchBaselines.tagsABaseline(request);
        if (!baseline && !SsmManagedNodes.tagsANode(request)) {
            return record(forwarded, operation, forward(exchange, body));
        }
        Optional<SsmAnswer> refused = SsmPatchBaselines.refuseTagging(operation, request);
        if (refused.isPresent()) {
            return record(served, operation, refused.get());
        }
        SsmAnswer answer = switch (operation) {
            case "AddTagsToResource" -> baseline ? baselines.addTags(scope, request) : nodes.addTags(request);
            case "RemoveTagsFromResource" -> baseline ? baselines.removeTags(scope, request) : nodes.removeTags(request);
            default -> baseline ? baselines.listTags(scope, request) : nodes.listTags(request);
        };
        return record(served, operation, answer);
    }

    private SsmAnswer record(Deque<String> where, String operation, SsmAnswer answer) {
        synchronized (where) {
            where.addLast(operation);
            if (where.size() > MAX_RECORDED) {
                where.removeFirst();
            }
        }
        return answer;
    }

    // --- HTTP ------------------------------------------------------------------------------------------------

    /** Sends the request on to moto — same method, path, query and headers, this body — and returns moto's answer. */
    private SsmAnswer forward(HttpExchange exchange, byte[] body) {
        URI uri = URI.create(moto + exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(FORWARD_TIMEOUT)
                .method(exchange.getRequestMethod(),
                        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = readBounded(in, MAX_RELAYED);
            }
            if (answer == null) {
                return SsmAnswer.fault("moto's answer to " + uri + " is larger than " + MAX_RELAYED + " bytes");
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    headers.put(name, List.copyOf(values));
                }
            });
            return new SsmAnswer(response.statusCode(), headers, answer);
        } catch (IOException e) {
            return SsmAnswer.fault("moto at " + moto + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SsmAnswer.fault("interrupted while waiting for moto");
        }
    }

    private static void send(HttpExchange exchange, SsmAnswer answer) throws IOException {
        answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        boolean bodiless = answer.body().length == 0 || exchange.getRequestMethod().equals("HEAD")
                || answer.status() == 204 || answer.status() == 304;
        exchange.sendResponseHeaders(answer.status(), bodiless ? -1 : answer.body().length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    /** At most {@code limit} bytes of {@code in}; null when there are more. */
    private static byte[] readBounded(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    private static Map<String, String> servedOperations() {
        Map<String, String> served = new LinkedHashMap<>();
        served.put("GetPatchBaseline", "not implemented by moto (HTTP 500)");
        served.put("UpdatePatchBaseline", "not implemented by moto (HTTP 500)");
        served.put("RegisterDefaultPatchBaseline", "not implemented by moto (HTTP 500)");
        served.put("GetDefaultPatchBaseline", "not implemented by moto (HTTP 500)");
        served.put("DescribePatchGroups", "not implemented by moto (HTTP 500)");
        served.put("DescribeInstanceInformation", "not implemented by moto (HTTP 500)");
        served.put("DescribeInstancePatchStates", "not implemented by moto (HTTP 500)");
        served.put("DescribeInstancePatchStatesForPatchGroup", "not implemented by moto (HTTP 500)");
        served.put("ListCommandInvocations", "not implemented by moto (HTTP 500)");
        served.put("DeregisterPatchBaselineForPatchGroup",
                "moto sets the registration again instead of removing it, so the group keeps its baseline");
        served.put("RegisterPatchBaselineForPatchGroup",
                "moto creates a group with every operating system's AWS default already registered, so a group's"
                        + " second baseline (another operating system) answers AlreadyExistsException; and once"
                        + " deregistration is served here, moto's registrations would be stale");
        served.put("GetPatchBaselineForPatchGroup",
                "the registrations live here; moto also answers HTTP 500 when OperatingSystem is left out");
        return Map.copyOf(served);
    }

    private static Map<String, String> watchedOperations() {
        Map<String, String> watched = new LinkedHashMap<>();
        watched.put("CreatePatchBaseline", "forwarded; a request breaking the model's constraints (moto stores anything)"
                + " is refused here with ValidationException; the request's content is kept for GetPatchBaseline;"
                + " its Tags are kept here and left out of what moto gets (moto would create the baseline, then"
                + " answer InvalidResourceId for the tags)");
        watched.put("DeletePatchBaseline", "forwarded; refused here with ResourceInUseException while the baseline is"
                + " registered with a patch group or as a default; an unknown id is answered here (moto: HTTP 500);"
                + " moto's empty answer gets the model's BaselineId");
        watched.put("DescribePatchBaselines", "forwarded without filters and paging (moto takes NAME_PREFIX as an exact"
                + " name, ignores OWNER and OPERATING_SYSTEM, never pages); filtered and paged here, names and"
                + " descriptions patched from updates, OperatingSystem WINDOWS where moto leaves it out,"
                + " DefaultBaseline from the registered defaults");
        watched.put("SendCommand", "forwarded; moto puts every instance of the region in a command sent to InstanceIds"
                + " without Targets, so its answer is corrected to the instances asked for, and the command is kept for"
                + " ListCommandInvocations");
        watched.put("ListCommands", "forwarded; the commands sent through this server are listed with the instances they"
                + " were sent to (moto lists every instance of the region, as for SendCommand)");
        String tagging = "served here for ResourceType PatchBaseline and SsmManagedInstance (moto refuses every tagging"
                + " call on either with InvalidResourceId: its resource check knows neither), forwarded for every other"
                + " resource type";
        watched.put("AddTagsToResource", tagging);
        watched.put("RemoveTagsFromResource", tagging);
        watched.put("ListTagsForResource", tagging);
        return Map.copyOf(watched);
    }
}
