package dev.cloudwarden.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * A WireMock proxy in front of the emulator that fails a share of the calls, in three ways a real network and a real
 * API fail: EC2 refuses the call for its rate before doing anything ({@code RequestLimitExceeded}, HTTP 503), the
 * service fails with a 500 and no change, or the call reaches the emulator, is carried out, and its answer is lost (the
 * connection is reset). Which call fails how follows a seeded random, so a failure reproduces with its seed.
 */
final class FaultyNetwork implements AutoCloseable {
    /** How one call was failed. */
    enum Kind { THROTTLED, SERVER_ERROR, ANSWER_LOST }

    private static final String THROTTLED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>\
            <RequestID>fault-throttled</RequestID></Response>""";
    private static final String SERVER_ERROR = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>InternalError</Code><Message>An internal error has occurred.</Message></Error></Errors>\
            <RequestID>fault-internal</RequestID></Response>""";

    private final WireMockServer server;
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    private int calls;

    /** @param rate the share of calls that fail, split evenly over the three kinds */
    FaultyNetwork(URI emulator, double rate, long seed) {
        Random random = new Random(seed);
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new Decide(random, rate), new SnapshotLifecycleEmulatorTest.LoseTheAnswer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(emulator.toString())));
    }

    URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** How many calls were failed, by kind, and how many calls came in all. */
    synchronized String summary() {
        return injected + " of " + calls + " calls";
    }

    /** How many calls were failed, of every kind. */
    synchronized int injected() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized void count(Kind kind) {
        calls++;
        if (kind != null) {
            injected.merge(kind, 1, Integer::sum);
        }
    }

    /** Decides, before the call goes on, whether and how it fails. */
    private final class Decide implements ResponseDefinitionTransformerV2 {
        private final Random random;
        private final double rate;

        Decide(Random random, double rate) {
            this.random = random;
            this.rate = rate;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            ResponseDefinition proxied = serveEvent.getResponseDefinition();
            Kind kind;
            synchronized (random) {
                kind = random.nextDouble() >= rate ? null : Kind.values()[random.nextInt(Kind.values().length)];
            }
            count(kind);
            if (kind == null) {
                return proxied;
            }
            return switch (kind) {
                case THROTTLED -> aResponse().withStatus(503).withHeader("Content-Type", "text/xml").withBody(THROTTLED).build();
                case SERVER_ERROR -> aResponse().withStatus(500).withHeader("Content-Type", "text/xml").withBody(SERVER_ERROR).build();
                case ANSWER_LOST -> ResponseDefinitionBuilder.like(proxied).withTransformers(SnapshotLifecycleEmulatorTest.LoseTheAnswer.NAME).build();
            };
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "decide-the-fault";
        }
    }
}
