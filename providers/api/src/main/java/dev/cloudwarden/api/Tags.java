package dev.cloudwarden.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Tags (AWS, Azure) or labels (GCP) of one resource, sorted by key. */
public record Tags(Map<String, String> values) {
    public static final Tags NONE = new Tags(Map.of());

    public Tags {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Tags of(Map<String, String> values) {
        return values.isEmpty() ? NONE : new Tags(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
