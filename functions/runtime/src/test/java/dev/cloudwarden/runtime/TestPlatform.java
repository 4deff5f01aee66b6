package dev.cloudwarden.runtime;

import static dev.cloudwarden.core.trigger.EventFields.required;
import static dev.cloudwarden.core.trigger.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.EventDecoder;
import dev.cloudwarden.core.trigger.EventJson;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A platform of another cloud than AWS for the runner tests, with made-up events: {@code {"kind": "tick"}} sweeps the
 * region, {@code {"kind": "changed", "resource": "…"}} names one resource; both carry {@code id}, {@code project} and
 * {@code region}.
 */
final class TestPlatform {
    static final String REGION = "europe-west1";
    static final String PROJECT = "project-1";

    static final Platform PLATFORM = new Platform(new Decoder(), "GCP", "FUNCTION_REGION", "/workspace/policy.yaml", Optional.empty());
    static final Platform WITH_EXPORT = new Platform(PLATFORM.events(), "GCP", "FUNCTION_REGION", "/workspace/policy.yaml",
            Optional.of(new Platform.FindingsExport("CLOUDWARDEN_SCC", "Security Command Center", "scc-export",
                    "the Security Command Center client is not in this deployment")));

    private TestPlatform() {
    }

    static Invocation invocation(String project, long remainingMillis) {
        return new Invocation() {
            @Override
            public String account() {
                return project;
            }

            @Override
            public OptionalLong remainingMillis() {
                return OptionalLong.of(remainingMillis);
            }
        };
    }

    static String tick(String region) {
        return "{\"kind\": \"tick\", \"id\": \"t-1\", \"project\": \"" + PROJECT + "\", \"region\": \"" + region + "\"}";
    }

    static String changed(String resource, String project) {
        return "{\"kind\": \"changed\", \"id\": \"c-1\", \"project\": \"" + project + "\", \"region\": \"" + REGION
                + "\", \"resource\": \"" + resource + "\"}";
    }

    record Decoder() implements EventDecoder {
        @Override
        public CloudId cloud() {
            return CloudId.GCP;
        }

        @Override
        public EventJson json() {
            return new EventJson("Eventarc", "an Eventarc event", 512 * 1024, 32);
        }

        @Override
        public boolean recognises(JsonNode event) {
            return event.has("kind");
        }

        @Override
        public DecodedEvent decode(JsonNode event, String operation) {
            String id = text(event, "id");
            String project = required(event, "project");
            String region = required(event, "region");
            return switch (required(event, "kind")) {
                case "tick" -> new DecodedEvent(id, project, region, Scope.REGION, Optional.empty(), "schedule", Optional.empty(),
                        Optional.empty(), Optional.of(Instant.parse("2026-03-10T06:00:00Z")));
                case "changed" -> new DecodedEvent(id, project, region, Scope.resources(List.of(required(event, "resource"))),
                        Optional.empty(), "changed", Optional.empty());
                default -> throw new UnsupportedEventException("unsupported kind for " + operation);
            };
        }
    }
}
