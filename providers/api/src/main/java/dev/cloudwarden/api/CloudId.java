package dev.cloudwarden.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The clouds cloudwarden knows, each with the stable lowercase id used in policies and reports. */
public enum CloudId {
    AWS("aws"), AZURE("azure"), GCP("gcp");

    private final String id;

    CloudId(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a lowercase id; an unknown one is answered with the valid ids. */
    public static CloudId of(String id) {
        for (CloudId cloud : values()) {
            if (cloud.id.equals(id)) {
                return cloud;
            }
        }
        throw new IllegalArgumentException("unknown cloud '" + id + "', expected one of " + validIds());
    }

    public static String validIds() {
        return Arrays.stream(values()).map(CloudId::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
