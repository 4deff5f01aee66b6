package dev.cloudwarden.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An SDK client built on its first use, once, and closed only if it was built: a function that never
 * publishes a message does not pay for an SNS client on its cold start. Safe to share between threads.
 */
final class LazyClient<T extends SdkAutoCloseable> implements Supplier<T>, AutoCloseable {
    private final Supplier<T> factory;
    private T client; // guarded by this
    private boolean closed; // guarded by this

    LazyClient(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized T get() {
        if (closed) {
            throw new IllegalStateException("the AWS provider is closed");
        }
        if (client == null) {
            client = factory.get();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
