package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The jar {@code ./cloudwarden demo} runs (tools/aws-demo, shaded) does what the README says, in a fresh JVM with the
 * jar alone on its class path: every operation against the embedded emulator, to the end. A service file or a resource
 * the shading lost (the provider found by ServiceLoader, the demo's policy, the sample event) fails here.
 */
@ExtendWith(MotoExtension.class)
class AwsDemoJarTest {
    private static final Path JAR = Repo.ROOT.resolve("tools/aws-demo/target/cloudwarden-aws-demo.jar");
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    // the parameter only skips the test, as every emulator test, where moto cannot run: the demo starts its own
    @Test
    void theDemo_runsEveryOperationToTheEnd(MotoServer unused) {
        assertThat(JAR).as("the demo's jar (./mvnw package)").exists();

        Tools.Result demo = Tools.run(Repo.ROOT, Map.of("AWS_ACCESS_KEY_ID", "demo-jar-test", "AWS_SECRET_ACCESS_KEY", "demo-jar-test"),
                TIMEOUT, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "demo"));

        assertThat(demo.exitCode()).as("demo exited with %d:\n%s", demo.exitCode(), demo.output()).isZero();
        assertThat(demo.output()).contains("Demo complete").contains("security-group-audit").contains("tag-compliance")
                .contains("snapshot-lifecycle").contains("patch-baselines").doesNotContain("Exception");
    }
}
