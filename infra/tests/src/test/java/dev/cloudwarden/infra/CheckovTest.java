package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * checkov (PyPI, pinned, installed into a virtualenv the project owns, run offline with {@code --skip-download})
 * over infra/terraform/aws: no failed check, and every skipped one carries a written reason in its
 * {@code #checkov:skip=ID:reason} comment.
 */
class CheckovTest {
    static final String PIN = "checkov==3.3.30";
    private static final Duration INSTALL = Duration.ofMinutes(10);
    private static final Duration SCAN = Duration.ofMinutes(5);

    @Test
    void theTerraform_passesEveryCheck_andEachSkipSaysWhy() throws IOException {
        Path checkov = installed();
        Tools.Result scan = Tools.run(Repo.TERRAFORM_AWS, Map.of("BC_SKIP_MAPPING", "TRUE"), SCAN,
                checkov.toString(), "--directory", ".", "--framework", "terraform", "--skip-download",
                "--output", "json", "--compact");
        JsonNode report = new ObjectMapper().readTree(jsonPart(scan.output()));
        JsonNode results = report.path("results");
        assertThat(report.path("summary").path("parsing_errors").asInt()).as("parsing errors:\n%s", scan.output()).isZero();
        assertThat(report.path("summary").path("passed").asInt()).as("checkov ran checks at all").isPositive();

        List<String> failed = new ArrayList<>();
        results.path("failed_checks").forEach(c -> failed.add(c.path("check_id").asText() + " " + c.path("check_name").asText()
                + " at " + c.path("file_path").asText() + ":" + c.path("file_line_range") + " (" + c.path("resource").asText() + ")"));
        assertThat(failed).as("failed checkov checks").isEmpty();

        List<String> unexplained = new ArrayList<>();
        results.path("skipped_checks").forEach(c -> {
            String reason = c.path("check_result").path("suppress_comment").asText("").strip();
            if (reason.isEmpty() || reason.equals("No comment provided")) {
                unexplained.add(c.path("check_id").asText() + " on " + c.path("resource").asText());
            }
        });
        assertThat(unexplained).as("skips without a written reason").isEmpty();
    }

    /** checkov's JSON report, without anything it may print before it. */
    private static String jsonPart(String output) {
        int start = output.indexOf('{');
        assertThat(start).as("checkov printed no JSON report:\n%s", output).isNotNegative();
        return output.substring(start);
    }

    /** The checkov executable of the pinned version, installed on first use into the project's tools directory. */
    static Path installed() {
        Path venv = Tools.toolsDir().resolve("venv-" + PIN);
        Path checkov = venv.resolve("bin/checkov");
        Path marker = venv.resolve(".cloudwarden-installed");
        if (Files.exists(marker) && Files.isExecutable(checkov)) {
            return checkov;
        }
        if (!Tools.onPathWithArgs("python3", "--version")) {
            Tools.unavailable("checkov", "python3 is not on the PATH to install " + PIN);
        }
        Tools.Result created = Tools.run(Repo.ROOT, Map.of(), INSTALL, "python3", "-m", "venv", "--clear", venv.toString());
        if (created.exitCode() == 0) {
            Tools.Result pip = Tools.run(Repo.ROOT, Map.of(), INSTALL, venv.resolve("bin/python").toString(), "-m", "pip", "install", "--quiet", PIN);
            if (pip.exitCode() == 0) {
                try {
                    Files.writeString(marker, PIN);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return checkov;
            }
            Tools.unavailable("checkov", "pip install " + PIN + " failed:\n" + pip.output());
        }
        Tools.unavailable("checkov", "python3 -m venv failed:\n" + created.output());
        return checkov;
    }
}
