package dev.cloudwarden.azureemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the SDK hides: the exact statuses, headers and bodies on the wire, read with the JDK's own HTTP client.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArmServerWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String Q = "?api-version=" + ArmServer.API_VERSION;

    private ArmServer arm;
    private HttpClient http;
    private String nsgId;

    @BeforeEach
    void start() {
        arm = ArmServer.start();
        http = HttpClient.newBuilder().sslContext(arm.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        nsgId = arm.putNsg("rg1", "nsg1", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());
    }

    @AfterEach
    void stop() {
        http.close();
        arm.close();
    }

    @Test
    void servesACertificateFor127001_whosePemAloneIsEnoughToTrustTheServer() throws Exception {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(arm.caCertificate())) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("arm", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext fromPem = SSLContext.getInstance("TLS");
        fromPem.init(null, trust.getTrustManagers(), null);

        assertThat(Files.readString(arm.caCertificate())).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));
        assertThat(arm.endpoint()).matches("https://127\\.0\\.0\\.1:\\d+/");
        try (HttpClient pemClient = HttpClient.newBuilder().sslContext(fromPem).build();
             HttpClient untrusting = HttpClient.newHttpClient()) {
            assertThat(pemClient.send(get(nsgId), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> untrusting.send(get(nsgId), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void answersAGroupInTheRestShape_defaultRulesAndAllRuleMembersIncluded() throws Exception {
        JsonNode nsg = json(send(get(nsgId)), 200);

        assertThat(fieldNames(nsg)).containsExactly("name", "id", "etag", "type", "location", "properties");
        assertThat(nsg.get("type").asText()).isEqualTo("Microsoft.Network/networkSecurityGroups");
        assertThat(fieldNames(nsg.get("properties"))).containsExactly("provisioningState", "resourceGuid", "securityRules",
                "defaultSecurityRules");
        JsonNode rule = nsg.at("/properties/securityRules/0");
        assertThat(fieldNames(rule)).containsExactly("name", "id", "etag", "type", "properties");
        assertThat(rule.get("type").asText()).isEqualTo("Microsoft.Network/networkSecurityGroups/securityRules");
        assertThat(rule.get("etag")).isEqualTo(nsg.get("etag"));
        assertThat(fieldNames(rule.get("properties"))).containsExactly("provisioningState", "protocol", "sourcePortRange",
                "destinationPortRange", "sourceAddressPrefix", "destinationAddressPrefix", "access", "priority", "direction",
                "sourcePortRanges", "destinationPortRanges", "sourceAddressPrefixes", "destinationAddressPrefixes");
        assertThat(rule.at("/properties/sourceAddressPrefixes").isArray()).isTrue();
        assertThat(rule.at("/properties/sourceAddressPrefixes")).isEmpty();
        JsonNode denyAll = nsg.at("/properties/defaultSecurityRules/2");
        assertThat(denyAll.get("id").asText()).isEqualTo(nsgId + "/defaultSecurityRules/DenyAllInBound");
        assertThat(denyAll.get("type").asText()).isEqualTo("Microsoft.Network/networkSecurityGroups/defaultSecurityRules");
        assertThat(denyAll.at("/properties/description").asText()).isEqualTo("Deny all inbound traffic");
        assertThat(denyAll.at("/properties/priority").asInt()).isEqualTo(65500);
        assertThat(denyAll.at("/properties/access").asText()).isEqualTo("Deny");
        assertThat(arm.nsg(nsgId)).contains((ObjectNode) nsg);
    }

    @Test
    void aRulePutAnswers201ThenA200_withTheOperationOnThisServer_andTheRuleAsUpdating() throws Exception {
        String body = "{\"properties\":{\"protocol\":\"*\",\"sourceAddressPrefix\":\"10.0.0.0/8\",\"destinationAddressPrefix\":"
                + "\"11.0.0.0/8\",\"access\":\"Deny\",\"destinationPortRange\":\"8080\",\"sourcePortRange\":\"*\",\"priority\":100,"
                + "\"direction\":\"Outbound\"}}";

        HttpResponse<String> created = send(put(nsgId + "/securityRules/rule1", body));
        HttpResponse<String> replaced = send(put(nsgId + "/securityRules/rule1", body.replace("8080", "8081")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(replaced.statusCode()).isEqualTo(200);
        for (HttpResponse<String> answer : List.of(created, replaced)) {
            assertThat(answer.headers().firstValue("Azure-AsyncOperation")).hasValueSatisfying(url -> assertThat(url)
                    .startsWith(arm.endpoint() + "subscriptions/" + ArmServer.SUBSCRIPTION + "/providers/Microsoft.Network/locations/westus/operations/")
                    .endsWith(Q));
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(answer.headers().firstValue("Location")).isEmpty();
            assertThat(json(answer, answer.statusCode()).at("/properties/provisioningState").asText()).isEqualTo("Updating");
        }
        JsonNode status = json(send(HttpRequest.newBuilder(URI.create(created.headers().firstValue("Azure-AsyncOperation").orElseThrow())).build()), 200);
        assertThat(status).isEqualTo(JSON.readTree("{\"status\":\"Succeeded\"}"));
        assertThat(arm.rule(nsgId, "rule1").orElseThrow().at("/properties/destinationPortRange").asText()).isEqualTo("8081");
        assertThat(arm.rule(nsgId, "rule1").orElseThrow().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    }

    @Test
    void aRuleDeleteAnswers202WithOperationAndLocation_thenTheLocationAnswers202WhileRunningAnd204Once_andAGoneRule204() throws Exception {
        arm.operationPolls(1);

        HttpResponse<String> accepted = send(delete(nsgId + "/securityRules/allow-ssh"));
        HttpResponse<String> running = send(HttpRequest.newBuilder(URI.create(accepted.headers().firstValue("Location").orElseThrow())).build());
        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(accepted.headers().firstValue("Location").orElseThrow())).build());
        HttpResponse<String> again = send(delete(nsgId + "/securityRules/allow-ssh"));

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        assertThat(accepted.headers().firstValue("Azure-AsyncOperation")).isPresent();
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).contains("/operationResults/"));
        assertThat(running.statusCode()).isEqualTo(202);
        assertThat(done.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(again.headers().firstValue("Azure-AsyncOperation")).isEmpty();
    }

    @Test
    void aFailedOperationAnswersFailedWithTheErrorSet() throws Exception {
        arm.failNextOperation("Canceled", "Operation was canceled.");

        HttpResponse<String> accepted = send(delete(nsgId + "/securityRules/allow-ssh"));
        JsonNode status = json(send(HttpRequest.newBuilder(URI.create(accepted.headers().firstValue("Azure-AsyncOperation").orElseThrow())).build()), 200);

        assertThat(status).isEqualTo(JSON.readTree(
                "{\"status\":\"Failed\",\"error\":{\"code\":\"Canceled\",\"message\":\"Operation was canceled.\",\"details\":[]}}"));
        assertThat(arm.ruleNames(nsgId)).containsExactly("allow-ssh");
    }

    static Stream<Arguments> refusedRules() {
        return Stream.of(
                Arguments.of("no protocol", (Consumer<ObjectNode>) p -> p.remove("protocol"), "SecurityRuleParameterMissing"),
                Arguments.of("unknown protocol", (Consumer<ObjectNode>) p -> p.put("protocol", "Sctp"), "SecurityRuleInvalidProtocol"),
                Arguments.of("no access", (Consumer<ObjectNode>) p -> p.remove("access"), "SecurityRuleParameterMissing"),
                Arguments.of("unknown access", (Consumer<ObjectNode>) p -> p.put("access", "Maybe"), "SecurityRuleInvalidAccess"),
                Arguments.of("no direction", (Consumer<ObjectNode>) p -> p.remove("direction"), "SecurityRuleParameterMissing"),
                Arguments.of("unknown direction", (Consumer<ObjectNode>) p -> p.put("direction", "Sideways"), "SecurityRuleInvalidDirection"),
                Arguments.of("no priority", (Consumer<ObjectNode>) p -> p.remove("priority"), "SecurityRuleParameterMissing"),
                Arguments.of("priority 99", (Consumer<ObjectNode>) p -> p.put("priority", 99), "SecurityRuleInvalidPriority"),
                Arguments.of("priority 4097", (Consumer<ObjectNode>) p -> p.put("priority", 4097), "SecurityRuleInvalidPriority"),
                Arguments.of("no source", (Consumer<ObjectNode>) p -> p.remove("sourceAddressPrefix"), "SecurityRuleParametersMissing"),
                Arguments.of("no destination port", (Consumer<ObjectNode>) p -> p.remove("destinationPortRange"), "SecurityRuleParameterMissing"),
                Arguments.of("port 70000", (Consumer<ObjectNode>) p -> p.put("destinationPortRange", "70000"), "SecurityRuleInvalidPortRange"),
                Arguments.of("a tag among the plural sources", (Consumer<ObjectNode>) p -> {
                    p.remove("sourceAddressPrefix");
                    p.putArray("sourceAddressPrefixes").add("10.0.0.0/8").add("Internet");
                }, "SecurityRuleParameterContainsUnsupportedValue"),
                Arguments.of("* among the plural ports", (Consumer<ObjectNode>) p -> {
                    p.remove("destinationPortRange");
                    p.putArray("destinationPortRanges").add("*");
                }, "SecurityRuleParameterContainsInvalidPortRanges"),
                Arguments.of("both forms of the source", (Consumer<ObjectNode>) p -> p.putArray("sourceAddressPrefixes").add("10.0.0.0/8"),
                        "InvalidRequestFormat"),
                Arguments.of("priority held by an inbound rule", (Consumer<ObjectNode>) p -> p.put("priority", 100), "SecurityRuleConflict"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRules")
    void refusesAnInvalidRulePut_with400AndTheNetworkProvidersCode(String what, Consumer<ObjectNode> change, String code) throws Exception {
        ObjectNode properties = (ObjectNode) JSON.readTree("{\"protocol\":\"Tcp\",\"sourceAddressPrefix\":\"*\",\"sourcePortRange\":\"*\","
                + "\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"443\",\"access\":\"Allow\",\"priority\":200,"
                + "\"direction\":\"Inbound\"}");
        change.accept(properties);
        String etag = arm.nsg(nsgId).orElseThrow().get("etag").asText();

        JsonNode error = json(send(put(nsgId + "/securityRules/new-rule", "{\"properties\":" + properties + "}")), 400);

        assertThat(error.at("/error/code").asText()).isEqualTo(code);
        assertThat(error.at("/error/message").asText()).isNotBlank();
        assertThat(arm.ruleNames(nsgId)).containsExactly("allow-ssh");
        assertThat(arm.nsg(nsgId).orElseThrow().get("etag").asText()).isEqualTo(etag);
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        JsonNode error = json(send(put(nsgId + "/securityRules/new-rule", "{not json")), 400);

        assertThat(error.at("/error/code").asText()).isEqualTo("InvalidRequestFormat");
    }

    @Test
    void acceptsEnumValuesInAnyCase_andAnswersThemInArmsSpelling() throws Exception {
        send(put(nsgId + "/securityRules/lower", "{\"properties\":{\"protocol\":\"udp\",\"sourceAddressPrefix\":\"*\","
                + "\"sourcePortRange\":\"*\",\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"53\",\"access\":\"deny\","
                + "\"priority\":300,\"direction\":\"outbound\"}}"));

        JsonNode properties = arm.rule(nsgId, "lower").orElseThrow().get("properties");
        assertThat(properties.get("protocol").asText()).isEqualTo("Udp");
        assertThat(properties.get("access").asText()).isEqualTo("Deny");
        assertThat(properties.get("direction").asText()).isEqualTo("Outbound");
    }

    @Test
    void defaultRulesCannotBeChanged_aPutUnderTheirNameMakesASecurityRule_andADeleteRemovesOnlyThat() throws Exception {
        String body = "{\"properties\":{\"protocol\":\"*\",\"sourceAddressPrefix\":\"*\",\"sourcePortRange\":\"*\","
                + "\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"*\",\"access\":\"Allow\",\"priority\":4096,"
                + "\"direction\":\"Inbound\"}}";

        assertThat(send(put(nsgId + "/securityRules/DenyAllInBound", body)).statusCode()).isEqualTo(201);
        assertThat(arm.ruleNames(nsgId)).containsExactly("DenyAllInBound", "allow-ssh");
        assertThat(send(delete(nsgId + "/securityRules/DenyAllInBound")).statusCode()).isEqualTo(202);
        assertThat(send(delete(nsgId + "/securityRules/DenyAllInBound")).statusCode()).isEqualTo(204);

        assertThat(arm.ruleNames(nsgId)).containsExactly("allow-ssh");
        JsonNode defaults = json(send(get(nsgId + "/defaultSecurityRules")), 200).get("value");
        assertThat(defaults).hasSize(6);
        JsonNode denyAll = json(send(get(nsgId + "/defaultSecurityRules/DenyAllInBound")), 200);
        assertThat(denyAll.at("/properties/priority").asInt()).isEqualTo(65500);
        assertThat(denyAll.at("/properties/access").asText()).isEqualTo("Deny");
    }

    @Test
    void throttlesTheNextRequests_with429RetryAfterAndArmsBody_thenAnswersAgain() throws Exception {
        arm.throttleNext(2, 7);

        HttpResponse<String> read = send(get(nsgId));
        HttpResponse<String> write = send(delete(nsgId + "/securityRules/allow-ssh"));
        HttpResponse<String> after = send(get(nsgId));

        assertThat(json(read, 429).at("/error/code").asText()).isEqualTo("SubscriptionRequestsThrottled");
        assertThat(read.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(read.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads")).hasValue("0");
        assertThat(json(write, 429).at("/error/message").asText()).contains("'write'");
        assertThat(write.headers().firstValue("x-ms-ratelimit-remaining-subscription-writes")).hasValue("0");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(arm.ruleNames(nsgId)).as("a throttled DELETE changes nothing").containsExactly("allow-ssh");
    }

    @Test
    void answersArmsErrorsForWhatIsNotThere() throws Exception {
        String sub = arm.endpoint() + "subscriptions/" + ArmServer.SUBSCRIPTION;

        assertThat(code(send(HttpRequest.newBuilder(URI.create(arm.endpoint() + nsgId.substring(1))).build()), 400))
                .isEqualTo("MissingApiVersionParameter");
        assertThat(code(send(HttpRequest.newBuilder(URI.create(arm.endpoint()
                + "subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Network/networkSecurityGroups" + Q)).build()), 404))
                .isEqualTo("SubscriptionNotFound");
        assertThat(code(send(HttpRequest.newBuilder(URI.create(sub + "/resourceGroups/nowhere/providers/Microsoft.Network/networkSecurityGroups" + Q)).build()), 404))
                .isEqualTo("ResourceGroupNotFound");
        assertThat(code(send(get(nsgId.replace("nsg1", "nsg9") + "/securityRules/allow-ssh")), 404)).isEqualTo("ResourceNotFound");
        assertThat(code(send(get(nsgId + "/securityRules/nothing")), 404)).isEqualTo("NotFound");
        assertThat(code(send(get(arm.nsgIds().get(0).replace("networkSecurityGroups/nsg1", "networkInterfaces/nic9"))), 404))
                .isEqualTo("ResourceNotFound");
        assertThat(code(send(get(nsgId.replace("networkSecurityGroups/nsg1", "virtualNetworks/v/subnets/s"))), 404)).isEqualTo("NotFound");
        assertThat(code(send(HttpRequest.newBuilder(URI.create(arm.endpoint() + nsgId.substring(1) + Q))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build()), 501)).isEqualTo("NotImplementedInArmServer");
    }

    @Test
    void readsPathsWithoutRegardToCase_andAnswersTheSpellingTheResourceWasMadeWith() throws Exception {
        JsonNode nsg = json(send(get(nsgId.toUpperCase(Locale.ROOT).replace(ArmServer.SUBSCRIPTION.toUpperCase(Locale.ROOT),
                ArmServer.SUBSCRIPTION))), 200);

        assertThat(nsg.get("id").asText()).isEqualTo(nsgId);
    }

    @Test
    void recordsEveryRequestInOrder_withItsBody_untilCleared() throws Exception {
        send(get(nsgId));
        send(put(nsgId + "/securityRules/x", "{\"properties\":{}}"));

        assertThat(arm.requests()).extracting(ArmRequest::method, ArmRequest::body)
                .containsExactly(tuple("GET", ""),
                        tuple("PUT", "{\"properties\":{}}"));
        assertThat(arm.statuses()).containsExactly(200, 400);
        arm.clearRequests();
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void closeFreesThePortAndDeletesTheCertificate() throws Exception {
        ArmServer other = ArmServer.start();
        String endpoint = other.endpoint();
        Path pem = other.caCertificate();
        try (HttpClient client = HttpClient.newBuilder().sslContext(other.sslContext()).build()) {
            other.close();

            assertThat(pem).doesNotExist();
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(endpoint + "subscriptions" + Q)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
        }
    }

    private HttpRequest get(String id) {
        return HttpRequest.newBuilder(uri(id)).build();
    }

    private HttpRequest put(String id, String body) {
        return HttpRequest.newBuilder(uri(id)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest delete(String id) {
        return HttpRequest.newBuilder(uri(id)).DELETE().build();
    }

    private URI uri(String id) {
        return URI.create(arm.endpoint() + id.substring(1) + Q);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    private static String code(HttpResponse<String> response, int status) throws IOException {
        return json(response, status).at("/error/code").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
