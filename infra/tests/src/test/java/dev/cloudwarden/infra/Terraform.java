package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Terraform with the providers the project builds itself: {@code infra/terraform/scripts/providers.sh} builds them
 * from the Go module proxy into a mirror outside the clone (the first time on a machine: 20-25 minutes for the AWS
 * provider; later, seconds) and prints the CLI configuration that installs only from it. The registry is never
 * contacted. Work happens in copies of the Terraform tree, so that no {@code .terraform} directory or lock file
 * lands in the clone.
 */
final class Terraform {
    private static final Duration PROVIDER_BUILD = Duration.ofMinutes(60);
    private static final Duration COMMAND = Duration.ofMinutes(15);
    private static Path cliConfig;

    private final Map<String, String> env;

    private Terraform(Path cliConfig) {
        this.env = new HashMap<>(Map.of(
                "TF_CLI_CONFIG_FILE", cliConfig.toString(), // the machine's own points at a file that does not exist
                "TF_IN_AUTOMATION", "1",
                "TF_INPUT", "0",
                "CHECKPOINT_DISABLE", "1"));
    }

    /** Terraform ready to init from the project's mirror; skipped (CI: failed) when terraform or Go is missing. */
    static synchronized Terraform withProviders() {
        if (!Tools.onPath("terraform")) {
            Tools.unavailable("terraform", "not on the PATH (install Terraform >= 1.6)");
        }
        if (!Tools.onPath("go")) {
            Tools.unavailable("go", "not on the PATH: the Terraform providers are built from the Go module proxy");
        }
        if (cliConfig == null) {
            Tools.Result build = Tools.run(Repo.ROOT, Map.of(), PROVIDER_BUILD, "bash", "infra/terraform/scripts/providers.sh", "aws");
            assertThat(build.exitCode()).as("infra/terraform/scripts/providers.sh aws:\n%s", build.output()).isZero();
            String[] lines = build.output().strip().split("\n");
            cliConfig = Path.of(lines[lines.length - 1].strip());
            assertThat(cliConfig).as("the CLI configuration providers.sh printed").isRegularFile();
        }
        return new Terraform(cliConfig);
    }

    Tools.Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        return Tools.run(dir, env, COMMAND, command);
    }

    /** Runs and requires exit code 0, naming the command and its output otherwise. */
    Tools.Result ok(Path dir, String... args) {
        Tools.Result result = run(dir, args);
        assertThat(result.exitCode()).as("terraform %s in %s:\n%s", String.join(" ", args), dir, result.output()).isZero();
        return result;
    }

    /** A copy of infra/terraform/aws (modules and examples keep their relative paths) under {@code parent}. */
    static Path copyOfTree(Path parent) {
        Path target = parent.resolve("aws");
        try (Stream<Path> files = Files.walk(Repo.TERRAFORM_AWS)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                String relative = Repo.TERRAFORM_AWS.relativize(source).toString();
                if (relative.contains(".terraform")) {
                    continue;
                }
                Path copy = target.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
