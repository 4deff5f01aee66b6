package dev.cloudwarden.events.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events of events/azure: from CLOUDWARDEN_EVENTS_DIR (set by the build), else found by walking up. */
final class AzureSamples {
    static final String SUBSCRIPTION = "6f1b1a26-0000-4000-8000-000000000001";
    /** The NSG every sample write is about, as ARM spells its id. */
    static final String NSG = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg-web";
    static final String USER = "alice@example.com";
    /** The deployment pipeline's service principal, by object id. */
    static final String SERVICE_PRINCIPAL = "6f1b1a26-0000-4000-8000-0000000000b2";
    /** The function's own managed identity, by object id (its principal id). */
    static final String CLOUDWARDEN = "6f1b1a26-0000-4000-8000-0000000000c2";

    private AzureSamples() {
    }

    static Path dir() {
        String configured = System.getenv("CLOUDWARDEN_EVENTS_DIR");
        if (configured != null && Files.isDirectory(Path.of(configured, "azure"))) {
            return Path.of(configured, "azure");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events/azure"))) {
                return dir.resolve("events/azure");
            }
        }
        throw new IllegalStateException("events/azure not found from " + Path.of("").toAbsolutePath());
    }

    static String text(String name) {
        try {
            return Files.readString(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
