package dev.cloudwarden.core.report;

import dev.cloudwarden.api.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One thing wrong with one resource, with the evidence that shows it and what was (or will be) done.
 *
 * @param id       stable across runs for the same check, resource and evidence key: SIEMs de-duplicate on it
 * @param check    the rule that found it, such as {@code firewall.ingress-open-to-internet}
 * @param evidence the exact offending configuration, as JSON-ready values (strings, numbers, booleans, lists, maps)
 */
public record Finding(String id, String check, Severity severity, String title, ResourceRef resource,
                      Map<String, Object> evidence, FindingAction action) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(resource, "resource");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        Objects.requireNonNull(action, "action");
    }

    public Finding withAction(FindingAction newAction) {
        return new Finding(id, check, severity, title, resource, evidence, newAction);
    }

    /**
     * The findings with every still-planned action replaced by {@code change}'s answer, the others as they
     * are: how a dry-run or a refused plan relabels what was going to happen.
     */
    public static List<Finding> relabelPlanned(List<Finding> findings, UnaryOperator<FindingAction> change) {
        return findings.stream()
                .map(f -> f.action().status() == FindingAction.Status.PLANNED ? f.withAction(change.apply(f.action())) : f)
                .toList();
    }

    /** An id stable across runs for the same check and key parts (resource id, rule id, tag key …). */
    public static String stableId(String check, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(check.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) '|');
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
