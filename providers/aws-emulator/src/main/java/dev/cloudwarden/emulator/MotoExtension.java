package dev.cloudwarden.emulator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: one moto server per test JVM, started (and installed) on first use, reset before
 * every test, stopped when the JVM's tests end. A test asks for it as a {@link MotoServer} parameter.
 *
 * <p>When moto cannot be installed or started the test is skipped with the reason — except with
 * {@code CI=true}, where a missing emulator fails the test: skipped emulator tests must not pass CI.
 */
public final class MotoExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static MotoServer server(ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class, k -> Started.attempt(), Started.class);
        if (started.server() == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and the AWS emulator is unavailable: " + started.failure(),
                        started.cause());
            }
            Assumptions.abort("AWS emulator unavailable, test skipped (it would fail with CI=true): " + started.failure());
        }
        return started.server();
    }

    /** The outcome of the one start attempt per JVM; closing it stops the server. */
    private record Started(MotoServer server, String failure, RuntimeException cause) implements AutoCloseable {
        static Started attempt() {
            try {
                return new Started(MotoServer.start(), null, null);
            } catch (RuntimeException e) {
                return new Started(null, e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
