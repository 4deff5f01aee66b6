package dev.cloudwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The AWS-managed default patch baseline of each operating system, per region, as ARNs: what
 * {@code GetDefaultPatchBaseline} answers while no baseline of the account was registered as the default. AWS
 * names its own baselines by full ARN (its documentation: "to reset the AWS-predefined patch baseline as the
 * default, specify the full patch baseline ARN", e.g. {@code arn:aws:ssm:us-east-2:733109147000:patchbaseline/pb-…}),
 * owned by a per-region AWS account.
 *
 * <p>The table is the one moto ships ({@code moto/ssm/resources/default_baselines.json.gz}) and answers from in
 * its own {@code GetPatchBaselineForPatchGroup}: read from the installed emulator rather than copied, so the two
 * servers name the same baselines. It is read on first use; when it cannot be read, the reason is kept and
 * given in the answer.
 */
final class AwsDefaultBaselines {
    private static final String RESOURCE = "moto/ssm/resources/default_baselines.json.gz";

    private Map<String, Map<String, String>> byRegion;
    private String unavailable;

    /** The AWS default baseline of {@code os} in {@code region}. */
    synchronized Optional<String> arn(String region, String os) {
        return Optional.ofNullable(table().getOrDefault(region, Map.of()).get(os));
    }

    /** The operating system whose AWS default baseline in {@code region} is {@code arn}. */
    synchronized Optional<String> operatingSystemOf(String region, String arn) {
        return table().getOrDefault(region, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().equals(arn)).map(Map.Entry::getKey).findFirst();
    }

    /** Why the table is empty, when it is. */
    synchronized String unavailable() {
        table();
        return unavailable == null ? "" : unavailable;
    }

    private Map<String, Map<String, String>> table() {
        if (byRegion == null) {
            byRegion = new LinkedHashMap<>();
            try {
                Path file = locate(MotoServer.ensureInstalled());
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    JsonNode root = SsmJson.MAPPER.readTree(in);
                    root.properties().forEach(region -> {
                        Map<String, String> arns = new LinkedHashMap<>();
                        region.getValue().properties().forEach(os -> arns.put(os.getKey(), os.getValue().asText()));
                        byRegion.put(region.getKey(), Map.copyOf(arns));
                    });
                }
            } catch (IOException | RuntimeException e) {
                unavailable = "the AWS default baselines could not be read from the emulator's " + RESOURCE + ": "
                        + e.getMessage();
            }
        }
        return byRegion;
    }

    private static Path locate(Path venv) throws IOException {
        try (Stream<Path> pythons = Files.list(venv.resolve("lib"))) {
            return pythons.map(p -> p.resolve("site-packages").resolve(RESOURCE))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IOException("not found under " + venv.resolve("lib")));
        }
    }
}
