package dev.cloudwarden.azureemulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cloudwarden.azureemulator.ArmEstate.Nsg;
import dev.cloudwarden.azureemulator.ArmEstate.Subnet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A stateful local Azure Resource Manager for tests and the demo: Microsoft.Network network security groups, their
 * security rules, subnets and network interfaces, answered over HTTPS on {@code 127.0.0.1} in the shapes of the
 * published REST API, to the paths and {@code api-version} ({@value #API_VERSION}) the Java SDK sends.
 *
 * <p>WireMock serves HTTPS and keeps the request journal; the answers come from one WireMock extension
 * ({@link ArmAnswers}) over the server's state. The certificate is made at start for IP {@code 127.0.0.1} and
 * trusted by {@link #sslContext()}; {@link #caCertificate()} is the same certificate as a PEM file.
 *
 * <p>Point the SDK at it with an {@code AzureEnvironment} copied from {@code AzureEnvironment.AZURE} whose
 * {@code resourceManagerEndpointUrl} and {@code managementEndpointUrl} are {@link #endpoint()}, an
 * {@code AzureProfile} with {@link #SUBSCRIPTION}, a JDK HTTP client built with {@link #sslContext()}, and any
 * {@code TokenCredential} (the token is never checked).
 *
 * <p>Long-running operations: a rule PUT answers 201 (new rule) or 200 (replaced rule) with
 * {@code Azure-AsyncOperation}; a rule DELETE answers 202 with {@code Azure-AsyncOperation} and {@code Location}, or
 * 204 when the rule is already gone. The change is made when the request arrives; the operation then answers
 * {@code InProgress} to its first {@link #operationPolls(int) n} polls (none unless set) and ends {@code Succeeded},
 * or {@code Failed} after {@link #failNextOperation} (and then nothing was changed). Every LRO answer carries
 * {@code Retry-After: 1} unless {@link #operationRetryAfter(int)} says otherwise. Note for fast tests: the SDK treats
 * {@code Retry-After: 0} as "use the client's default poll interval" (30 s for the network client), so set 0 only
 * together with {@code ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(1))}.
 *
 * <p>Errors, as ARM answers them ({@code {"error": {"code", "message", "details": []}}}): a missing NSG, NIC or
 * unknown resource group is 404 {@code ResourceNotFound} / {@code ResourceGroupNotFound} (ARM's codes for top-level
 * resources); a missing security rule, default rule or subnet is 404 {@code NotFound} (the network provider's code
 * for a child resource); an invalid rule PUT is 400 with the provider's {@code SecurityRule*} codes
 * (see {@link ArmRuleCheck}); a priority another rule of the same direction holds is 400 {@code SecurityRuleConflict}
 * (real Azure answers 400, not 409); {@link #throttleNext} answers 429 {@code SubscriptionRequestsThrottled} with
 * {@code Retry-After}; a request without {@code api-version} is 400 {@code MissingApiVersionParameter}. Anything not
 * emulated is 501 {@code NotImplementedInArmServer}, which the SDK does not retry.
 *
 * <p>Thread-safe: each request, and each call here, holds the state's monitor while it runs.
 */
public final class ArmServer implements AutoCloseable {
    /** The one subscription this server knows; requests for any other get 404 {@code SubscriptionNotFound}. */
    public static final String SUBSCRIPTION = "6f1b1a26-0000-4000-8000-000000000001";
    /**
     * The api-version azure-resourcemanager-network 2.57.0 sends for network security groups, security rules,
     * network interfaces and subnets (read from its {@code *ClientImpl} classes); the server uses it in the links it
     * makes. Requests are answered whatever version they name, and {@link #requests()} records the one sent.
     */
    public static final String API_VERSION = "2025-03-01";
    /** WireMock's journal keeps at most this many requests (the oldest are dropped), so a long demo stays bounded. */
    public static final int MAX_RECORDED = 100_000;

    private final ArmEstate estate = new ArmEstate(SUBSCRIPTION);
    private final ArmCertificate certificate;
    private final WireMockServer server;

    private ArmServer(ArmCertificate certificate) {
        this.certificate = certificate;
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(certificate.keyStore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(certificate.password)
                .keyManagerPassword(certificate.password)
                // no stub files: the one stub is made below, and nothing is read from the working directory
                .withRootDirectory(certificate.directory.toString())
                .gzipDisabled(true)
                .stubCorsEnabled(false)
                .maxRequestJournalEntries(MAX_RECORDED)
                .notifier(new ConsoleNotifier(false))
                .extensions(new ArmAnswers(estate, this::endpoint));
        this.server = new WireMockServer(options);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(ArmAnswers.NAME)));
        server.start();
    }

    /** Starts a server on a free port of 127.0.0.1, with a certificate made for it. */
    public static ArmServer start() {
        ArmCertificate certificate = ArmCertificate.generate();
        try {
            return new ArmServer(certificate);
        } catch (RuntimeException e) {
            certificate.delete();
            throw e;
        }
    }

    /** {@code https://127.0.0.1:PORT/}, with the trailing slash ARM endpoints have. */
    public String endpoint() {
        return "https://127.0.0.1:" + server.httpsPort() + "/";
    }

    /** A TLS context that trusts exactly this server's certificate. */
    public SSLContext sslContext() {
        return certificate.sslContext;
    }

    /** This server's certificate as a PEM file (deleted by {@link #close()}). */
    public Path caCertificate() {
        return certificate.pem;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            certificate.delete();
        }
    }

    // seeding: straight into the state, so no request is recorded

    /**
     * Creates (or replaces, rules and all) a network security group with these security rules, each checked as a
     * PUT would check it; the six default rules are its {@code defaultSecurityRules}.
     *
     * @return the group's id
     * @throws IllegalArgumentException with ARM's error when a rule would be refused
     */
    public String putNsg(String resourceGroup, String name, String location, ArmRule... rules) {
        requireName(resourceGroup, "resource group");
        requireName(name, "network security group");
        requireName(location, "location");
        synchronized (estate) {
            Nsg nsg = new Nsg(estate.nsgId(resourceGroup, name), resourceGroup, name, location);
            for (ArmRule rule : rules) {
                ArmRule read = checked(nsg, rule);
                nsg.conflictWith(read).ifPresent(other -> {
                    throw refused(ArmError.conflict(other.name(), read.name()));
                });
                nsg.put(read);
            }
            Nsg stored = estate.putNsg(resourceGroup, name, location);
            nsg.rules().forEach(stored::put);
            return stored.id;
        }
    }

    /**
     * Deletes a network security group as someone else might (no request recorded): GETs then answer 404.
     *
     * @return whether there was one
     */
    public boolean deleteNsg(String nsgId) {
        synchronized (estate) {
            return estate.deleteNsg(nsgId);
        }
    }

    /**
     * Creates (or re-associates) a subnet of a virtual network, with the given NSG or none. The NSG's
     * {@code subnets[]} lists it.
     *
     * @return the subnet's id
     * @throws IllegalArgumentException when the NSG is not on this server
     */
    public String putSubnet(String resourceGroup, String vnet, String subnet, String nsgIdOrNull) {
        requireName(resourceGroup, "resource group");
        requireName(vnet, "virtual network");
        requireName(subnet, "subnet");
        synchronized (estate) {
            String nsgId = knownNsg(nsgIdOrNull);
            return estate.putSubnet(resourceGroup, vnet, subnet, nsgId).id();
        }
    }

    /**
     * Creates (or replaces) a network interface with one IP configuration in a subnet of this server, with its own
     * NSG or none; it gets the next free address of the subnet. The NSG's {@code networkInterfaces[]} lists it. Its
     * location is its NSG's, else {@code westus}.
     *
     * @return the interface's id
     * @throws IllegalArgumentException when the subnet or the NSG is not on this server
     */
    public String putNic(String resourceGroup, String nic, String subnetId, String nsgIdOrNull) {
        requireName(resourceGroup, "resource group");
        requireName(nic, "network interface");
        Objects.requireNonNull(subnetId, "subnetId");
        synchronized (estate) {
            Subnet subnet = estate.subnet(subnetId).orElseThrow(() ->
                    new IllegalArgumentException("no subnet " + subnetId + " on this server; put it first"));
            String nsgId = knownNsg(nsgIdOrNull);
            String location = nsgId == null ? ArmEstate.DEFAULT_LOCATION : estate.nsg(nsgId).orElseThrow().location;
            return estate.putNic(resourceGroup, nic, subnet, nsgId, location).id();
        }
    }

    // state, as GET answers it

    /** The group as {@code GET .../networkSecurityGroups/{name}} answers it, or empty when there is none. */
    public Optional<ObjectNode> nsg(String nsgId) {
        synchronized (estate) {
            return estate.nsg(nsgId).map(n -> ArmJson.nsg(estate, n));
        }
    }

    /** The ids of every group, in the order the list answers them. */
    public List<String> nsgIds() {
        synchronized (estate) {
            return estate.nsgs(null).stream().map(n -> n.id).toList();
        }
    }

    /**
     * The names of the group's security rules (not its default rules), sorted.
     *
     * @throws IllegalArgumentException when the group is not on this server
     */
    public List<String> ruleNames(String nsgId) {
        synchronized (estate) {
            return estate.nsg(nsgId).orElseThrow(() -> new IllegalArgumentException("no network security group " + nsgId))
                    .ruleNames();
        }
    }

    /** The security rule as {@code GET .../securityRules/{name}} answers it, or empty when the group or the rule is missing. */
    public Optional<ObjectNode> rule(String nsgId, String ruleName) {
        synchronized (estate) {
            return estate.nsg(nsgId).flatMap(n -> n.rule(ruleName).map(r -> ArmJson.rule(n, r, "Succeeded")));
        }
    }

    /** The subnet as {@code GET .../virtualNetworks/{v}/subnets/{s}} answers it, or empty. */
    public Optional<ObjectNode> subnet(String subnetId) {
        synchronized (estate) {
            return estate.subnet(subnetId).map(s -> ArmJson.subnet(estate, s));
        }
    }

    /** The network interface as {@code GET .../networkInterfaces/{nic}} answers it, or empty. */
    public Optional<ObjectNode> nic(String nicId) {
        synchronized (estate) {
            return estate.nic(nicId).map(ArmJson::nic);
        }
    }

    /** Every request received since the start or the last {@link #clearRequests()}, in the order received (at most {@value #MAX_RECORDED}). */
    public List<ArmRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        return events.stream().map(ArmServer::recorded).toList();
    }

    /** The responses' statuses, in the order of {@link #requests()} (for tests that check what the client saw). */
    public List<Integer> statuses() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events.stream().map(ServeEvent::getResponse).map(LoggedResponse::getStatus).toList();
    }

    public void clearRequests() {
        server.resetRequests();
    }

    // faults and paging

    /** List answers carry at most {@code n} groups a page, linked by an absolute {@code nextLink}. */
    public void pageSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a page holds at least one group, not " + n);
        }
        synchronized (estate) {
            estate.pageSize = n;
        }
    }

    /** The next {@code requests} requests, whatever they are, get 429 with {@code Retry-After: retryAfterSeconds} and ARM's error body. */
    public void throttleNext(int requests, int retryAfterSeconds) {
        if (requests < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("requests and retryAfterSeconds are counts, not negative");
        }
        synchronized (estate) {
            estate.throttledRequests = requests;
            estate.throttleRetryAfter = retryAfterSeconds;
        }
    }

    /**
     * The next PUT or DELETE that starts a long-running operation changes nothing, and its operation ends
     * {@code Failed} with this error. Requests refused at once (400, 404) and a DELETE of a rule already gone
     * (204) start no operation and leave the fault armed.
     */
    public void failNextOperation(String code, String message) {
        synchronized (estate) {
            estate.failNextOperation = new ArmError(400, Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message"));
        }
    }

    /** Operations started from now answer {@code InProgress} to their first {@code n} polls (0, the default: done at the first). */
    public void operationPolls(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("polls are a count, not " + n);
        }
        synchronized (estate) {
            estate.operationPolls = n;
        }
    }

    /** The {@code Retry-After} seconds of long-running-operation answers (default 1; see the class comment before using 0). */
    public void operationRetryAfter(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds are not negative: " + seconds);
        }
        synchronized (estate) {
            estate.operationRetryAfter = seconds;
        }
    }

    private ArmRule checked(Nsg nsg, ArmRule rule) {
        ArmRuleCheck.Result read = ArmRuleCheck.read(rule.name(), nsg.ruleId(rule.name()), ArmJson.ruleProperties(rule, null));
        if (read.error() != null) {
            throw refused(read.error());
        }
        return read.rule();
    }

    private String knownNsg(String nsgIdOrNull) {
        if (nsgIdOrNull == null) {
            return null;
        }
        return estate.nsg(nsgIdOrNull).map(n -> n.id).orElseThrow(() ->
                new IllegalArgumentException("no network security group " + nsgIdOrNull + " on this server; put it first"));
    }

    private static IllegalArgumentException refused(ArmError error) {
        return new IllegalArgumentException("ARM would refuse this rule: " + error.code() + ": " + error.message());
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException("a " + what + " needs a name without '/', not '" + value + "'");
        }
    }

    private static ArmRequest recorded(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String apiVersion = request.queryParameter("api-version").isPresent() ? request.queryParameter("api-version").firstValue() : "";
        String body = request.getBodyAsString();
        return new ArmRequest(request.getMethod().getName(), path, apiVersion, body == null ? "" : body);
    }
}
