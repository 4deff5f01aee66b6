package dev.cloudwarden.core.catalog;

import dev.cloudwarden.core.policy.InvalidPolicyException;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.policy.PolicyReader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads policy files with every operation's section reader: what the commands and the functions call. See
 * {@link PolicyReader} for what is checked; the outcome is a {@link Policy} or an {@link InvalidPolicyException}.
 */
public final class PolicyLoader {
    /** The most a policy may weigh, in bytes of UTF-8: 256 KiB. */
    public static final int MAX_BYTES = PolicyReader.MAX_BYTES;
    private static final PolicyReader READER = new PolicyReader(Operations.sectionReaders());

    private PolicyLoader() {
    }

    public static Policy load(Path file) {
        return load(file, Clock.systemUTC());
    }

    /**
     * @param clock the time the policy is judged at: a schedule must fire within a year of it (and again
     *              within a year after that)
     */
    public static Policy load(Path file, Clock clock) {
        return READER.load(file, clock);
    }

    /** Parses policy text; JSON when it starts with '{' (or YAML, when only YAML reads it), YAML otherwise. */
    public static Policy parse(String text, String sourceName) {
        return parse(text, sourceName, Clock.systemUTC());
    }

    public static Policy parse(String text, String sourceName, Clock clock) {
        return READER.parse(text, sourceName, clock);
    }

    /** Parses the bytes of a policy file, which must be UTF-8 (a leading byte-order mark is allowed). */
    public static Policy parse(byte[] bytes, String sourceName, Clock clock) {
        return READER.parse(bytes, sourceName, clock);
    }
}
