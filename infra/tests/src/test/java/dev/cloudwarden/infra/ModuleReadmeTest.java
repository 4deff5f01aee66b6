package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README of the module and of every example documents its variables and outputs: the "Inputs" table lists
 * exactly the variables the .tf files declare, in their order, and the "Outputs" table exactly the outputs, so that
 * a variable added, renamed or removed without its README row fails here.
 */
class ModuleReadmeTest {
    private static final Pattern VARIABLE = Pattern.compile("(?m)^variable\\s+\"([^\"]+)\"");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^output\\s+\"([^\"]+)\"");
    /** {@code resource "type" "name"} and {@code data "type" "name"}: the first group is {@code type" "name}. */
    private static final Pattern RESOURCE = Pattern.compile("(?m)^(?:resource|data)\\s+\"([^\"]+\"\\s+\"[^\"]+)\"");
    /** A table row whose first cell is a backticked name: {@code | `name` | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

    static Stream<Named<Path>> terraformRoots() {
        return Repo.terraformRoots().stream().map(root -> Named.of(Repo.TERRAFORM_AWS.relativize(root).toString(), root));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terraformRoots")
    void theInputsTable_listsEveryVariable_inTheFilesOrder(Path root) {
        assertThat(rows(readme(root), "Inputs"))
                .as("the Inputs table of %s against the variables of its .tf files", Repo.ROOT.relativize(root.resolve("README.md")))
                .containsExactlyElementsOf(declared(root, VARIABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terraformRoots")
    void theOutputsTable_listsEveryOutput_inTheFilesOrder(Path root) {
        assertThat(rows(readme(root), "Outputs"))
                .as("the Outputs table of %s against the outputs of its .tf files", Repo.ROOT.relativize(root.resolve("README.md")))
                .containsExactlyElementsOf(declared(root, OUTPUT));
    }

    /** The module's Resources table names every resource and data source its .tf files declare (in any order). */
    @org.junit.jupiter.api.Test
    void theModulesResourcesTable_listsEveryResourceAndDataSource() {
        List<String> declared = new ArrayList<>();
        declared(Repo.FUNCTION_MODULE, RESOURCE).forEach(r -> declared.add(r.replace("\" \"", ".")));
        assertThat(rows(readme(Repo.FUNCTION_MODULE), "Resources")).as("the Resources table of the function module")
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    private static String readme(Path root) {
        Path readme = root.resolve("README.md");
        assertThat(readme).as("every Terraform root has a README").isRegularFile();
        return Repo.read(readme);
    }

    /**
     * The names {@code pattern} finds in the root's .tf files (not its subdirectories), file by file in name order:
     * variables live in variables.tf and outputs in outputs.tf, so this is their order in the file.
     */
    private static List<String> declared(Path root, Pattern pattern) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tf")).sorted().toList()) {
                Matcher matcher = pattern.matcher(Repo.read(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(names).as("declarations matching %s in %s", pattern, root).isNotEmpty();
        return names;
    }

    /**
     * The backticked first cells of the table rows under the heading {@code ## heading}, up to the next heading
     * (a {@code #} line inside a fenced code block is no heading).
     */
    private static List<String> rows(String readme, String heading) {
        List<String> names = new ArrayList<>();
        boolean inFence = false;
        boolean inSection = false;
        boolean found = false;
        for (String line : readme.lines().toList()) {
            if (line.startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (!inFence && line.startsWith("#")) {
                inSection = line.strip().equals("## " + heading);
                found |= inSection;
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && !inFence && row.find()) {
                names.add(row.group(1));
            }
        }
        assertThat(found).as("a \"## %s\" heading", heading).isTrue();
        return names;
    }
}
