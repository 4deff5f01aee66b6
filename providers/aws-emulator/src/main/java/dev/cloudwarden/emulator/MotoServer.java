package dev.cloudwarden.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AWS API emulator, moto server, pinned by {@code moto-requirements.txt}: installed on first use
 * into a virtualenv this project owns (under {@code ~/.cache/cloudwarden}, or
 * {@code $CLOUDWARDEN_TOOLS_DIR}), started on a free loopback port, stopped by {@link #close()}.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(8);

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Installs moto when absent, then starts it; fails with a sentence naming what is missing. */
    public static MotoServer start() {
        Path venv = ensureInstalled();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probe and bind
            int port = freePort();
            try {
                return startOn(venv, port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("moto server did not start: " + last.getMessage(), last);
    }

    private static MotoServer startOn(Path venv, int port) throws IOException {
        Path log = Files.createTempFile("moto-" + port + "-", ".log");
        // moto writes its request recording (moto_recording) into its working directory: keep it out of the clone
        Path workDir = Files.createTempDirectory("moto-" + port + "-");
        ProcessBuilder builder = new ProcessBuilder(venv.resolve("bin/moto_server").toString(),
                "-H", "127.0.0.1", "-p", Integer.toString(port))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // without this moto preloads ~1,200 public snapshots of other accounts
        builder.environment().put("MOTO_EC2_LOAD_DEFAULT_AMIS", "false");
        Process process = builder.start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("moto server exited with " + process.exitValue() + "; its log: "
                        + Files.readString(log).strip());
            }
            if (server.answers()) {
                return server;
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IOException("moto server did not answer on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The virtualenv holding the pinned moto, installed now when it is not there yet. */
    public static Path ensureInstalled() {
        String requirements = requirements();
        String pin = requirements.strip().replaceAll("[^A-Za-z0-9.=-]", "_");
        Path tools = Path.of(System.getenv().getOrDefault("CLOUDWARDEN_TOOLS_DIR",
                System.getProperty("user.home") + "/.cache/cloudwarden"));
        Path venv = tools.resolve("venv-" + pin);
        Path marker = venv.resolve(".cloudwarden-installed");
        if (Files.exists(marker) && Files.isExecutable(venv.resolve("bin/moto_server"))) {
            return venv;
        }
        System.err.println("cloudwarden: installing " + requirements.strip() + " into " + venv + " (first use)…");
        try {
            Files.createDirectories(tools);
            Path requirementsFile = Files.createTempFile("moto-requirements", ".txt");
            Files.writeString(requirementsFile, requirements);
            run(List.of(python(), "-m", "venv", "--clear", venv.toString()));
            run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--quiet",
                    "-r", requirementsFile.toString()));
            Files.writeString(marker, requirements);
            return venv;
        } catch (IOException e) {
            throw new UncheckedIOException("could not install moto into " + venv + ": " + e.getMessage(), e);
        }
    }

    private static String python() {
        for (String candidate : List.of("python3", "python")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import sys; assert sys.version_info >= (3, 9)")
                        .redirectErrorStream(true).start();
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not on PATH: try the next name
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the AWS emulator needs Python 3.9 or newer on the PATH (python3); none found");
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + INSTALL_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static String requirements() {
        try (InputStream in = MotoServer.class.getResourceAsStream("moto-requirements.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("moto-requirements.txt is missing from the emulator module", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource and every recorded request. */
    public void reset() {
        post("/moto-api/reset");
        post("/moto-api/recorder/reset-recording");
    }

    public void startRecording() {
        post("/moto-api/recorder/reset-recording");
        post("/moto-api/recorder/start-recording");
    }

    /** The {@code Action} of every request recorded since {@link #startRecording()}, retries included, in order. */
    public List<String> recordedActions() {
        List<String> actions = new ArrayList<>();
        for (String body : recordedRequests()) {
            for (String pair : body.split("&")) {
                if (pair.startsWith("Action=")) {
                    actions.add(pair.substring("Action=".length()));
                }
            }
        }
        return actions;
    }

    /**
     * The operation of every request recorded since {@link #startRecording()}, whatever its protocol: the
     * {@code Action} of a query request (EC2, SNS), the operation named by {@code X-Amz-Target} in a JSON
     * one (the Tagging API's {@code TagResources}, SQS's {@code ReceiveMessage}); retries included, in order.
     */
    public List<String> recordedOperations() {
        List<String> operations = new ArrayList<>();
        for (String line : get("/moto-api/recorder/download-recording").split("\n")) {
            if (!line.isBlank()) {
                operations.add(RecordingLine.operation(line));
            }
        }
        return operations;
    }

    /** The form body (EC2 query protocol: {@code Action=...&MaxResults=1000...}) of every recorded request. */
    public List<String> recordedRequests() {
        List<String> bodies = new ArrayList<>();
        for (String line : get("/moto-api/recorder/download-recording").split("\n")) {
            if (!line.isBlank()) {
                bodies.add(RecordingLine.body(line));
            }
        }
        return bodies;
    }

    /**
     * Changes moto's own settings ({@code POST /moto-api/config}), for example {@code {"lambda":{"use_docker":false}}}
     * so that Lambda functions can be created and described without a Docker engine.
     */
    public void configure(String json) {
        send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/config")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private void post(String path) {
        send(HttpRequest.newBuilder(endpoint.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("moto server at " + endpoint + " did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One JSON line of moto's recording; only its (possibly base64) form body is read, without a JSON library. */
    private static final class RecordingLine {
        static String body(String line) {
            String body = field(line, "\"body\": \"");
            boolean encoded = line.contains("\"body_encoded\": true");
            return encoded ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        }

        /** {@code TagResources} from {@code X-Amz-Target: ResourceGroupsTaggingAPI_20170126.TagResources}, else the body's Action. */
        static String operation(String line) {
            String target = field(line, "\"X-Amz-Target\": \"");
            if (!target.isEmpty()) {
                return target.substring(target.lastIndexOf('.') + 1);
            }
            for (String pair : body(line).split("&")) {
                if (pair.startsWith("Action=")) {
                    return pair.substring("Action=".length());
                }
            }
            return "";
        }

        private static String field(String line, String prefix) {
            int start = line.indexOf(prefix);
            if (start < 0) {
                return "";
            }
            start += prefix.length();
            int end = line.indexOf('"', start);
            return end < 0 ? "" : line.substring(start, end);
        }
    }
}
