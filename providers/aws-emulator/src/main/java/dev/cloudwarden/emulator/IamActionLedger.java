package dev.cloudwarden.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records, for each cloudwarden operation, the IAM actions its calls need, as the tests make them: the evidence
 * the Terraform module's least-privilege policies are checked against (infra/tests).
 *
 * <p>An SDK global interceptor: a test module that lists this class in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} gets it on every client, its own
 * emulator set-up included. Only calls made by an operation count: the provider sends {@code app/cloudwarden-<operation>}
 * in its User-Agent, so a test's seeding and inspection calls (no such id) are left out. Each operation's
 * actions are written, one per line, to {@code <ledger>/<operation>.actions}, where the ledger directory is
 * the system property {@code cloudwarden.iam.ledger}, by default {@code target/iam-observed} of the test run's
 * working directory (the module's). The directory is emptied when the first test of a run loads this class,
 * so a ledger never carries calls from an earlier build.
 */
public final class IamActionLedger implements ExecutionInterceptor {
    private static final Pattern APP_ID = Pattern.compile("app/cloudwarden-([a-z0-9-]+)");
    /** SDK service names whose IAM prefix is not the name in lower case: the Tagging API is {@code tag:} in IAM. */
    private static final Map<String, String> IAM_PREFIXES = Map.of("resourcegroupstaggingapi", "tag");
    private static final Path LEDGER = Path.of(System.getProperty("cloudwarden.iam.ledger", "target/iam-observed"));
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    static {
        clear(LEDGER);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Matcher app = APP_ID.matcher(context.httpRequest().firstMatchingHeader("User-Agent").orElse(""));
        if (!app.find()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
        String action = IAM_PREFIXES.getOrDefault(service, service) + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (SEEN.add(app.group(1) + " " + action)) {
            append(LEDGER.resolve(app.group(1) + ".actions"), action);
        }
    }

    private static synchronized void append(Path file, String action) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, action + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the IAM action ledger " + file, e);
        }
    }

    private static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the IAM action ledger " + dir, e);
        }
    }
}
