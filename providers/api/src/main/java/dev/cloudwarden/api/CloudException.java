package dev.cloudwarden.api;

import java.util.Objects;

/**
 * A cloud API failure, translated once at the provider edge into a neutral kind, keeping what an
 * operator needs to look it up: the operation, the cloud's own error code and the request id.
 */
public final class CloudException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * What went wrong, in terms the engine can act on. {@code UNAVAILABLE}: no usable answer came (the cloud may or
     * may not have carried the call out). {@code DEADLINE}: the call was never sent, because the run's deadline had
     * passed ({@link ProviderConfig#deadline()}): the cloud did nothing.
     */
    public enum Kind { THROTTLED, NOT_FOUND, ACCESS_DENIED, CONFLICT, UNAVAILABLE, INVALID, DEADLINE }

    private final Kind kind;
    private final String operation;
    private final String nativeCode;
    private final String requestId;

    public CloudException(Kind kind, String operation, String nativeCode, String requestId, String message,
                          Throwable cause) {
        super(operation + " failed: " + kind + " (" + (nativeCode == null || nativeCode.isBlank() ? "no error code" : nativeCode)
                + "): " + (message == null || message.isBlank() ? "no message" : message), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.nativeCode = Objects.requireNonNullElse(nativeCode, "");
        this.requestId = Objects.requireNonNullElse(requestId, "");
    }

    public Kind kind() {
        return kind;
    }

    /** The API call, prefixed with its service, for example {@code ec2:RevokeSecurityGroupIngress}. */
    public String operation() {
        return operation;
    }

    public String nativeCode() {
        return nativeCode;
    }

    public String requestId() {
        return requestId;
    }
}
