package dev.cloudwarden.azureemulator;

import java.util.Objects;

/**
 * One request the server received, as recorded in WireMock's request journal.
 *
 * @param method     the HTTP method, upper case ({@code GET}, {@code PUT}, {@code DELETE})
 * @param path       the URL's path as sent (still percent-encoded), without the query
 * @param apiVersion the {@code api-version} query parameter, or {@code ""} when the request had none
 * @param body       the request body as text, or {@code ""} when it had none
 */
public record ArmRequest(String method, String path, String apiVersion, String body) {
    public ArmRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(body, "body");
    }

    /** {@code METHOD /path}, for assertions that read like the wire. */
    public String line() {
        return method + " " + path;
    }
}
