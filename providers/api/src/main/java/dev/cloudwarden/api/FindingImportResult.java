package dev.cloudwarden.api;

import java.util.Map;

/**
 * The outcome of importing security findings: how many the service took, and each one it did not, by finding id,
 * with the error that stopped it. A call the service rejects as a whole fails every finding it carried.
 */
public record FindingImportResult(int imported, Map<String, CloudException> failed) {
    public static final FindingImportResult NONE = new FindingImportResult(0, Map.of());

    public FindingImportResult {
        if (imported < 0) {
            throw new IllegalArgumentException("imported must not be negative");
        }
        failed = Map.copyOf(failed);
    }

    public boolean succeeded(String findingId) {
        return !failed.containsKey(findingId);
    }
}
