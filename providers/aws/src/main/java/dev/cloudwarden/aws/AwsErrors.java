package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudException.Kind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates SDK failures into neutral {@link CloudException}s, once, at the provider edge. */
final class AwsErrors {
    private AwsErrors() {
    }

    static CloudException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            return new CloudException(kindOf(code, service), operation, code, service.requestId(), message, e);
        }
        // no answer from the service at all: connection refused, timeout, credentials not found
        return new CloudException(Kind.UNAVAILABLE, operation, e.getClass().getSimpleName(), "", e.getMessage(), e);
    }

    static Kind kindOf(String code, AwsServiceException e) {
        if (e.isThrottlingException() || code.equals("RequestLimitExceeded") || code.startsWith("Throttl")) {
            return Kind.THROTTLED;
        }
        if (code.equals("UnauthorizedOperation") || code.startsWith("AccessDenied") || code.equals("AuthFailure")) {
            return Kind.ACCESS_DENIED;
        }
        if (code.endsWith(".NotFound") || code.endsWith("Id.Malformed")) {
            return Kind.NOT_FOUND;
        }
        if (code.endsWith(".Duplicate") || code.equals("DependencyViolation") || code.equals("RulesPerSecurityGroupLimitExceeded")) {
            return Kind.CONFLICT;
        }
        if (e.statusCode() >= 500) {
            return Kind.UNAVAILABLE;
        }
        return Kind.INVALID;
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
}
