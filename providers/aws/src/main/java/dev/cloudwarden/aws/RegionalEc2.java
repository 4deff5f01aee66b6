package dev.cloudwarden.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * EC2 clients by region, for the calls that reach beyond the provider's own region (disaster-recovery
 * copies of snapshots are read and written in another one). The provider's region is served by its own
 * client; a client for any other region is built on first use, once, with the provider's settings.
 *
 * <p>Beside each region's client there is one whose retries never resend a request the cloud may have
 * carried out ({@link ThrottlingOnlyRetries}), for the writes that take no idempotency token. It is built
 * on first use too, in the provider's region as well: a function that never takes a snapshot does not pay for it.
 *
 * <p>Safe to share between threads. Closing closes every client built here, never the provider's own.
 */
final class RegionalEc2 implements AutoCloseable {
    /** How a client retries. */
    enum Retries {
        /** The provider's adaptive retries: for reads and for writes that may safely be sent twice. */
        ADAPTIVE,
        /** Only throttled requests are sent again: for writes that may not. */
        THROTTLING_ONLY
    }

    private record Key(String region, Retries retries) {
    }

    private final String homeRegion;
    private final Ec2Client home;
    private final BiFunction<String, Retries, Ec2Client> factory;
    private final Map<Key, Ec2Client> built = new LinkedHashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param home    the provider's client of {@code homeRegion}, with adaptive retries; not closed here
     * @param factory builds a client of a region with the provider's settings and these retries
     */
    RegionalEc2(String homeRegion, Ec2Client home, BiFunction<String, Retries, Ec2Client> factory) {
        this.homeRegion = homeRegion;
        this.home = home;
        this.factory = factory;
    }

    /** The client of {@code region} with the provider's adaptive retries. */
    Ec2Client in(String region) {
        return client(region, Retries.ADAPTIVE);
    }

    /** The client of {@code region} that resends only throttled requests. */
    Ec2Client nonRepeatingIn(String region) {
        return client(region, Retries.THROTTLING_ONLY);
    }

    private synchronized Ec2Client client(String region, Retries retries) {
        if (closed) {
            throw new IllegalStateException("the AWS provider is closed");
        }
        if (region.equals(homeRegion) && retries == Retries.ADAPTIVE) {
            return home;
        }
        return built.computeIfAbsent(new Key(region, retries), key -> factory.apply(key.region(), key.retries()));
    }

    @Override
    public synchronized void close() {
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (Ec2Client client : built.values()) {
            try {
                client.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        built.clear();
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
