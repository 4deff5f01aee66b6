package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.catalog.Operations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Terraform function module knows an operation by its directory (operations/&lt;id&gt;: the policy section it reads,
 * its IAM policy, its event rules) and nothing else names the operations there: the directories are exactly the
 * operations the code registers, and each names its operation's policy section.
 */
class OperationDirectoriesTest {

    @Test
    void theModulesOperationDirectories_areExactlyTheRegisteredOperations() throws IOException {
        try (Stream<Path> dirs = Files.list(Repo.FUNCTION_MODULE.resolve("operations"))) {
            List<String> names = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).containsExactlyInAnyOrderElementsOf(Operations.ids());
        }
    }

    @Test
    void eachDirectoryNamesItsOperationsPolicySection_andHoldsItsPermissions() throws IOException {
        for (OperationModule<?> module : Operations.ALL) {
            Path dir = Repo.operation(module.id());
            assertThat(Files.readString(dir.resolve("section")).strip()).as(module.id()).isEqualTo(module.reader().section());
            assertThat(dir.resolve("iam-policy.json")).as(module.id()).isRegularFile();
        }
    }
}
