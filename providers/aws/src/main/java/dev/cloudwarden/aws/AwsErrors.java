package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudException.Kind;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates SDK failures into neutral {@link CloudException}s, once, at the provider edge. */
final class AwsErrors {
    private AwsErrors() {
    }

    static CloudException translate(String operation, SdkException e) {
        return translate(operation, "", e);
    }

    /**
     * As {@link #translate(String, SdkException)}, the message starting with {@code subject} (the resource the call
     * was about) when it is not empty: EC2's own message does not always say which one ("You are not authorized
     * to perform this operation.").
     */
    static CloudException translate(String operation, String subject, SdkException e) {
        String about = subject.isEmpty() ? "" : subject + ": ";
        if (e instanceof AwsServiceException service) {
            String code = codeOf(service);
            String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            if (message == null || message.isBlank()) { // an HTML error page, an empty 5xx: say what did come back
                message = "HTTP " + service.statusCode() + (code.isEmpty() ? " with no error code or message" : " with no error message");
            }
            return new CloudException(kindOf(code, service), operation, code, service.requestId(), about + message, e);
        }
        RunDeadlineException deadline = e instanceof RunDeadlineException d ? d
                : e.getCause() instanceof RunDeadlineException d ? d : null;
        if (deadline != null) { // never sent: nothing happened; cut off: nobody knows
            return new CloudException(deadline.sent() ? Kind.UNAVAILABLE : Kind.DEADLINE, operation, "", "", deadline.getMessage(), e);
        }
        // no answer from the service at all: connection refused, timeout, credentials not found
        return new CloudException(Kind.UNAVAILABLE, operation, "", "",
                about + (e.getMessage() == null || e.getMessage().isBlank() ? "no answer from the service" : e.getMessage()), e);
    }

    /** Sends one request, or walks a paginated stream of them, translating a failure into a CloudException. */
    static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    static void run(String operation, Runnable request) {
        call(operation, () -> {
            request.run();
            return null;
        });
    }

    /**
     * A failure the service reported inside a successful answer, for one resource of a batch (the
     * Tagging API's FailedResourcesMap): there is no exception, only the code, status and message.
     */
    static CloudException failure(String operation, String code, int status, String message, String requestId) {
        String nativeCode = code == null ? "" : code;
        return new CloudException(kindOf(nativeCode, status, false), operation, nativeCode, requestId, message, null);
    }

    static Kind kindOf(String code, AwsServiceException e) {
        return kindOf(code == null ? "" : code, e.statusCode(), e.isThrottlingException());
    }

    static Kind kindOf(String code, int status, boolean throttling) {
        if (throttling || isThrottlingCode(code)) {
            return Kind.THROTTLED;
        }
        // AuthorizationError is SNS's spelling; InvalidAccess(Exception) Security Hub's, for an account not subscribed to it
        if (code.equals("UnauthorizedOperation") || code.startsWith("AccessDenied") || code.equals("AuthFailure")
                || code.equals("AuthorizationError") || code.startsWith("InvalidAccess")) {
            return Kind.ACCESS_DENIED;
        }
        // EC2 says InvalidGroup.NotFound, SNS plain NotFound, JSON services ResourceNotFoundException
        if (code.endsWith("NotFound") || code.endsWith("NotFoundException") || code.endsWith("Id.Malformed")) {
            return Kind.NOT_FOUND;
        }
        // InvalidSnapshot.InUse: an image (AMI) still uses the snapshot, which can go only once the image is gone
        if (code.endsWith(".Duplicate") || code.endsWith(".InUse") || code.equals("DependencyViolation")
                || code.equals("RulesPerSecurityGroupLimitExceeded") || code.equals("IncorrectInstanceState")
                || code.equals("ConcurrentModificationException")) {
            return Kind.CONFLICT;
        }
        if (status >= 500) {
            return Kind.UNAVAILABLE;
        }
        return Kind.INVALID;
    }

    /**
     * The service refused the request because of its rate, before doing anything: the SDK's own flag (HTTP
     * 429 and the throttling codes it knows) or one of the codes EC2 uses for it. Such a request is the
     * only kind that may be sent again when it made something and carries no idempotency token.
     */
    static boolean isThrottling(Throwable e) {
        return e instanceof AwsServiceException service
                && (service.isThrottlingException() || isThrottlingCode(codeOf(service)));
    }

    /**
     * RequestLimitExceeded is EC2's account-wide rate limit, Throttling* other services'; CreateSnapshot
     * answers SnapshotCreationPerVolumeRateExceeded to snapshots of one volume taken too close together.
     */
    private static boolean isThrottlingCode(String code) {
        return code.equals("RequestLimitExceeded") || code.startsWith("Throttl")
                || code.equals("SnapshotCreationPerVolumeRateExceeded");
    }

    /** Not found, or an id so malformed that it cannot exist: either way there is nothing to act on. */
    static boolean isNotFound(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null
                && kindOf(service.awsErrorDetails().errorCode(), service) == Kind.NOT_FOUND;
    }

    static boolean isDuplicate(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "InvalidPermission.Duplicate".equals(service.awsErrorDetails().errorCode());
    }

    /** The service's error code, or an empty string when it gave none (or did not answer). */
    static String codeOf(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return "";
    }
}
