package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's IAM policy (the JSON file Terraform renders into the role's inline policy) grants exactly the
 * actions its operation was seen to call. The evidence is the IAM action ledger the tests of the modules in
 * {@link Repo#LEDGERS} write ({@code dev.cloudwarden.emulator.IamActionLedger}, an SDK interceptor) while they run every operation through
 * the real AWS provider against the emulator: an action the policy lacks would fail on AWS, an action nobody calls
 * is privilege nobody needs. This module runs last in the reactor, after those tests.
 */
class IamPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Calls that need no IAM permission, so no policy grants them and none is expected to. STS GetCallerIdentity: AWS
     * answers it for any valid credentials, even when a policy explicitly denies it (STS API reference, "No permissions
     * are required to perform this operation"). The CLI calls it with an event file, to refuse another account's event;
     * the function never does (its Lambda context names its account).
     */
    static final Set<String> NEED_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    static Iterable<String> operations() {
        return Repo.OPERATIONS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void thePolicyGrants_exactlyTheActionsTheOperationCalls(String operation) throws IOException {
        Set<String> granted = granted(policy(operation));
        Set<String> observed = observed(operation);

        Set<String> missing = new TreeSet<>(observed);
        missing.removeAll(granted);
        missing.removeAll(granted(securityHubPolicy())); // the export's own calls, granted only with security_hub = true
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(observed);
        assertThat(missing).as("%s calls these, its policy does not grant them", operation).isEmpty();
        assertThat(unused).as("%s's policy grants these, no test saw it call them", operation).isEmpty();
    }

    /** The Security Hub export's policy, which the module adds to any operation's role: every action in it is called. */
    @Test
    void theSecurityHubExportPolicy_grantsOnlyWhatTheExportCalls() throws IOException {
        Set<String> observed = new TreeSet<>();
        for (String operation : Repo.OPERATIONS) {
            observed(operation).stream().filter(a -> a.startsWith("securityhub:")).forEach(observed::add);
        }
        assertThat(granted(securityHubPolicy())).isEqualTo(observed);
        assertStructure(securityHubPolicy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void thePolicy_allowsNamedActionsOnDeclaredResources(String operation) throws IOException {
        assertStructure(policy(operation));
    }

    private static void assertStructure(JsonNode policy) {
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        for (JsonNode statement : policy.path("Statement")) {
            String sid = statement.path("Sid").asText();
            assertThat(sid).as("every statement says what it is for").isNotBlank();
            assertThat(statement.path("Effect").asText()).as(sid).isEqualTo("Allow");
            assertThat(statement.has("NotAction") || statement.has("NotResource")).as(sid).isFalse();
            assertThat(statement.has("Resource")).as(sid).isTrue();
            for (String action : actions(statement)) {
                assertThat(action).as(sid + ": a named action, no wildcard").matches("[a-z0-9]+:[A-Za-z0-9]+");
            }
        }
    }

    /** The policy file as Terraform renders it, for a sample account and region. */
    static JsonNode policy(String operation) throws IOException {
        return rendered(Repo.operation(operation).resolve("iam-policy.json"));
    }

    static JsonNode securityHubPolicy() throws IOException {
        return rendered(Repo.FUNCTION_MODULE.resolve("features/security-hub-export/iam-policy.json"));
    }

    private static JsonNode rendered(Path file) throws IOException {
        String rendered = Repo.read(file)
                .replace("${partition}", "aws").replace("${region}", "us-east-1").replace("${account_id}", "123456789012")
                .replace("${mark_tag}", "cloudwarden:marked-for-op");
        assertThat(rendered).as("every template variable is one the module supplies").doesNotContain("${");
        return JSON.readTree(rendered);
    }

    static Set<String> granted(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        policy.path("Statement").forEach(s -> actions.addAll(actions(s)));
        return actions;
    }

    private static Set<String> actions(JsonNode statement) {
        Set<String> actions = new TreeSet<>();
        JsonNode action = statement.path("Action");
        if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
        } else {
            actions.add(action.asText());
        }
        return actions;
    }

    /** Every action the function tests saw {@code operation} call, from every ledger ({@link Repo#LEDGERS}). */
    static Set<String> observed(String operation) throws IOException {
        Set<String> actions = new TreeSet<>();
        for (Path ledger : Repo.LEDGERS) {
            assertThat(ledger).as("the IAM ledger of %s: run the whole test command (./cloudwarden test), whose function tests write it",
                    Repo.ROOT.relativize(ledger)).isDirectory();
            Path file = ledger.resolve(operation + ".actions");
            if (Files.exists(file)) {
                Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(actions::add);
            }
        }
        actions.removeAll(NEED_NO_PERMISSION);
        assertThat(actions).as("no test ran %s through the AWS provider", operation).isNotEmpty();
        return actions;
    }
}
