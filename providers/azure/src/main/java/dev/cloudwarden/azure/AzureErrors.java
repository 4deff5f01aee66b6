package dev.cloudwarden.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudException.Kind;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Translates the Azure SDK's failures into the neutral {@link CloudException}, once, naming the ARM operation: an HTTP
 * status decides the kind (404 not found, 409 conflict, 429 throttled after the SDK's own retries, 401/403 access
 * denied, 400 invalid, 5xx unavailable), and ARM's error code and the request id are kept. A long-running operation
 * that ended {@code Failed} surfaces from the SDK the same way, with the operation's error.
 */
final class AzureErrors {
    private AzureErrors() {
    }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (ManagementException e) {
            String code = e.getValue() == null ? "" : e.getValue().getCode();
            String message = e.getValue() == null ? e.getMessage() : e.getValue().getMessage();
            throw new CloudException(kind(e.getResponse() == null ? 0 : e.getResponse().getStatusCode(), code), operation, code,
                    requestId(e), message, e);
        } catch (HttpResponseException e) {
            throw new CloudException(kind(e.getResponse() == null ? 0 : e.getResponse().getStatusCode(), ""), operation, "",
                    requestId(e), e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CloudException(Kind.UNAVAILABLE, operation, "", "", e.getMessage(), e);
        }
    }

    static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    static boolean notFound(CloudException e) {
        return e.kind() == Kind.NOT_FOUND;
    }

    private static Kind kind(int status, String code) {
        return switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 409, 412 -> Kind.CONFLICT;
            case 429 -> Kind.THROTTLED;
            case 401, 403 -> Kind.ACCESS_DENIED;
            case 400 -> Kind.INVALID;
            default -> status >= 500 || status == 0 ? Kind.UNAVAILABLE
                    : code.equalsIgnoreCase("RetryableErrorDueToAnotherOperation") ? Kind.THROTTLED : Kind.INVALID;
        };
    }

    private static String requestId(HttpResponseException e) {
        if (e.getResponse() == null) {
            return "";
        }
        String id = e.getResponse().getHeaderValue("x-ms-request-id");
        return id == null ? "" : id;
    }
}
