package dev.cloudwarden.api;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the provider module for a cloud on the class path. None, or two for one cloud, is an error. */
public final class Providers {
    private Providers() {
    }

    /**
     * The provider module for {@code cloud}. The class path is scanned once per JVM: a function asks twice on its cold
     * start (the policy loader for the cloud's names, then the wiring for the provider), and modules never come and go.
     */
    public static CloudProviderFactory find(CloudId cloud) {
        return find(cloud, Available.FACTORIES);
    }

    /** Loaded on first use, by the class-loading lock: the factories on the class path. */
    private static final class Available {
        static final List<CloudProviderFactory> FACTORIES = ServiceLoader.load(CloudProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    static CloudProviderFactory find(CloudId cloud, List<CloudProviderFactory> available) {
        List<CloudProviderFactory> matching = available.stream().filter(f -> f.cloud() == cloud).toList();
        if (matching.size() == 1) {
            return matching.getFirst();
        }
        if (matching.isEmpty()) {
            String present = available.isEmpty() ? "none"
                    : available.stream().map(f -> f.cloud().id()).sorted().collect(Collectors.joining(", "));
            throw new IllegalStateException("no provider module for cloud '" + cloud.id()
                    + "' on the class path (providers present: " + present + ")");
        }
        throw new IllegalStateException("more than one provider module for cloud '" + cloud.id() + "': "
                + matching.stream().map(f -> f.getClass().getName()).collect(Collectors.joining(", ")));
    }
}
