package dev.cloudwarden.infra;

import dev.cloudwarden.core.catalog.Operations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where things are in the clone, seen from this module's directory (the tests' working directory). */
final class Repo {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path TERRAFORM_AWS = ROOT.resolve("infra/terraform/aws");
    static final Path FUNCTION_MODULE = TERRAFORM_AWS.resolve("modules/function");
    static final Path EXAMPLES = TERRAFORM_AWS.resolve("examples");
    static final Path EVENTS = ROOT.resolve("events/aws");
    static final Path LAMBDA_JAR = ROOT.resolve("functions/aws-lambda/target/cloudwarden-aws-lambda.jar");
    /**
     * The modules whose tests run the operations through the real provider and write an IAM ledger. The demo's: its
     * tag bench's real run is the one test that renames a tag key through the Tagging API (tag:UntagResources).
     */
    static final List<Path> LEDGERS = List.of(
            ROOT.resolve("functions/aws-lambda/target/iam-observed"),
            ROOT.resolve("functions/cli/target/iam-observed"),
            ROOT.resolve("tools/aws-demo/target/iam-observed"));
    /** Every operation: each has its directory of permissions and event rules under the Terraform module. */
    static final List<String> OPERATIONS = Operations.ids();

    private Repo() {
    }

    /** The operation's directory in the function module: its policy section's name, its IAM policy and its rules' patterns. */
    static Path operation(String operation) {
        return FUNCTION_MODULE.resolve("operations").resolve(operation);
    }

    /** Every Terraform root the checks cover: the module and each example. */
    static List<Path> terraformRoots() {
        try (Stream<Path> examples = Files.list(EXAMPLES)) {
            return Stream.concat(Stream.of(FUNCTION_MODULE), examples.filter(Files::isDirectory).sorted()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
