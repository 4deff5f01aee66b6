package dev.cloudwarden.core.report;

import java.util.Locale;
import java.util.Objects;

/**
 * The remediation attached to a finding and where it stands.
 *
 * @param kind   {@code revoke-ingress-rule}, {@code narrow-ingress-rule}, or {@code none} when the
 *               policy only reports or the resource is exempt
 * @param reason why it is in this status: "dry-run", "exempt: …", the blast-radius refusal, the cloud error
 */
public record FindingAction(String kind, Status status, String reason) {
    public static final String NONE = "none";

    /** Where an action stands; spelled in lowercase in reports. */
    public enum Status {
        PLANNED, APPLIED, SKIPPED, FAILED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FindingAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        reason = Objects.requireNonNullElse(reason, "");
    }

    public static FindingAction planned(String kind, String reason) {
        return new FindingAction(kind, Status.PLANNED, reason);
    }

    public static FindingAction skipped(String kind, String reason) {
        return new FindingAction(kind, Status.SKIPPED, reason);
    }
}
