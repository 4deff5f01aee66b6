package dev.cloudwarden.infra;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the command-line tools the infra checks need (terraform, checkov, the provider build script), with bounded
 * time and their output kept for the failure message. A tool that cannot be found or installed skips the check
 * with the reason, except with {@code CI=true}, where it fails: CI must never pass a check it did not run.
 */
final class Tools {
    /** What a command printed and how it ended. */
    record Result(int exitCode, String output, Duration took) {
    }

    private Tools() {
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (locally) or fails (in CI) the current test because {@code tool} is not available. */
    static void unavailable(String tool, String why) {
        String message = tool + " is not available: " + why;
        if (inCi()) {
            fail(message + " (CI=true: a missing tool fails the check)");
        }
        Assumptions.abort(message);
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, String... command) {
        return run(dir, env, timeout, List.of(command));
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
        long start = System.nanoTime();
        try {
            Path log = Files.createTempFile("cloudwarden-tool", ".log");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(String.join(" ", command) + " took longer than " + timeout + "; its output:\n" + tail(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command) + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether {@code command version} runs (the command is on the PATH). */
    static boolean onPath(String command) {
        return onPathWithArgs(command, "version");
    }

    /** Whether {@code command args…} runs and exits 0. */
    static boolean onPathWithArgs(String command, String... args) {
        try {
            List<String> line = new ArrayList<>(List.of(command));
            line.addAll(List.of(args));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 6000 ? "…" + text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Where the project keeps tools it installs, outside the clone (as the moto venv). */
    static Path toolsDir() {
        return Path.of(System.getenv().getOrDefault("CLOUDWARDEN_TOOLS_DIR", System.getProperty("user.home") + "/.cache/cloudwarden"));
    }
}
