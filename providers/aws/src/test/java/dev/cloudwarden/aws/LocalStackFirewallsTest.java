package dev.cloudwarden.aws;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same contracts against LocalStack, where a Docker engine and a LocalStack auth token
 * ({@code LOCALSTACK_AUTH_TOKEN}) exist; skipped elsewhere with the reason. Moto is the required
 * emulator (see {@link MotoFirewallsTest}); this one is a second opinion.
 */
@ExtendWith(LocalStackFirewallsTest.DockerAndToken.class)
class LocalStackFirewallsTest extends Ec2FirewallsContract {
    private static final String IMAGE = "localstack/localstack:4.10";
    private static LocalStackContainer localstack;

    @BeforeAll
    static void startLocalStack() {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        localstack = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices("ec2")
                .withEnv("LOCALSTACK_AUTH_TOKEN", token);
        localstack.start();
    }

    @AfterAll
    static void stopLocalStack() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    /** Runs the class only where both exist, and says which is missing otherwise. */
    static final class DockerAndToken implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token == null || token.isBlank()) {
                return ConditionEvaluationResult.disabled(
                        "LocalStack contract skipped: LOCALSTACK_AUTH_TOKEN is not set (LocalStack now requires one)");
            }
            if (!dockerAvailable()) {
                return ConditionEvaluationResult.disabled("LocalStack contract skipped: no Docker engine on this machine");
            }
            return ConditionEvaluationResult.enabled("Docker and a LocalStack token are present");
        }

        private static boolean dockerAvailable() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    @Override
    protected URI endpoint() {
        return localstack.getEndpoint();
    }
}
