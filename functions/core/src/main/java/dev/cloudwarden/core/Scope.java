package dev.cloudwarden.core;

import java.util.List;

/** What one run looks at: every resource of the region (a sweep), or the resources an event names. */
public sealed interface Scope {
    /** A scheduled or manual sweep of the whole region. */
    record Region() implements Scope {
    }

    /**
     * The resources an event named; possibly none (a create call that failed created nothing).
     *
     * @param ids native ids or full names (ARNs), as the event carried them
     */
    record Resources(List<String> ids) implements Scope {
        public Resources {
            ids = List.copyOf(ids);
        }
    }

    Scope REGION = new Region();

    static Scope resources(List<String> ids) {
        return new Resources(ids);
    }

    default boolean isSweep() {
        return this instanceof Region;
    }
}
