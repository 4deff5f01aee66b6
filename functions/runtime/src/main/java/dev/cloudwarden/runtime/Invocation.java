package dev.cloudwarden.runtime;

import java.util.OptionalLong;

/**
 * What the platform says about one invocation, as the entry point reads it from its own context object (Lambda's
 * {@code Context}, Azure's {@code ExecutionContext}): the account the function runs in, and the time left.
 */
public interface Invocation {
    /**
     * The account (subscription, project) the function runs in, which every event must be from. Asked only once the
     * event is decoded and is for the function's region.
     *
     * @throws dev.cloudwarden.core.trigger.UnsupportedEventException when the function cannot tell: it then acts on no
     *                                                                  event, rather than on whatever account its
     *                                                                  credentials happen to reach
     */
    String account();

    /** How long the invocation may still run, in milliseconds; empty when the platform does not say. */
    OptionalLong remainingMillis();
}
