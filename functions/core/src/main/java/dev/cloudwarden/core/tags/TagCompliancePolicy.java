package dev.cloudwarden.core.tags;

import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.policy.TagMatch;
import dev.cloudwarden.core.policy.OperationPolicy;

import com.google.re2j.Pattern;
import dev.cloudwarden.api.ResourceRef;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tag-compliance operation's settings: which resources must carry which tags, and what the
 * operation may do about those that do not.
 *
 * @param resourceTypes the types swept, in the cloud's spelling ({@code ec2:instance}, {@code s3:bucket} …)
 * @param creatorTags   tag the creator of a new resource (event runs); empty: do not
 * @param notifyTopic   where the findings of each run are published (an SNS topic ARN); empty: nowhere
 */
public record TagCompliancePolicy(List<String> resourceTypes, List<RequiredTag> required, Exemptions exempt,
                                  Remediation remediation, Optional<CreatorTags> creatorTags,
                                  Optional<String> notifyTopic, BlastRadius blastRadius) implements OperationPolicy {
    public TagCompliancePolicy {
        resourceTypes = List.copyOf(resourceTypes);
        required = List.copyOf(required);
        Objects.requireNonNull(exempt, "exempt");
        Objects.requireNonNull(remediation, "remediation");
        creatorTags = Objects.requireNonNullElse(creatorTags, Optional.empty());
        notifyTopic = Objects.requireNonNullElse(notifyTopic, Optional.empty());
        Objects.requireNonNull(blastRadius, "blastRadius");
    }

    /**
     * One tag every resource in its scope must carry.
     *
     * @param keyCase       whether {@code Owner} counts as {@code owner}
     * @param values        the values accepted; an empty value is never accepted unless listed
     * @param defaultValue  added where the tag is missing, when {@code remediation.addDefaults} is on
     * @param resourceTypes the types it applies to; empty: every type the policy sweeps
     * @param when          it applies only to resources carrying all these tags ({@code *}: any value)
     */
    public record RequiredTag(String key, KeyCase keyCase, ValueRule values, Optional<String> defaultValue,
                              Set<String> resourceTypes, Map<String, String> when) {
        public RequiredTag {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyCase, "keyCase");
            Objects.requireNonNull(values, "values");
            defaultValue = Objects.requireNonNullElse(defaultValue, Optional.empty());
            resourceTypes = Set.copyOf(resourceTypes);
            when = Map.copyOf(when);
        }

        public boolean appliesTo(ResourceRef resource) {
            return (resourceTypes.isEmpty() || resourceTypes.contains(resource.type()))
                    && TagMatch.carriesAll(resource.tags().values(), when);
        }
    }

    /** How a key is matched. */
    /**
     * What another spelling of a required key ({@code Owner} for {@code owner}) is, as {@code otherSpellings} says: a
     * finding ({@code report}, the default; {@code remediation.fixCase} renames the key), or the tag itself ({@code
     * accept}; its value is still checked, and nothing is renamed).
     */
    public enum KeyCase {
        /** {@code otherSpellings: report}: only the declared spelling is the tag; another is a finding that fixCase repairs. */
        EXACT("report"),
        /** {@code otherSpellings: accept}: any spelling is the tag; the value is still checked. */
        INSENSITIVE("accept");

        private final String id;

        KeyCase(String id) {
            this.id = id;
        }

        /** The value of {@code otherSpellings}. */
        public String id() {
            return id;
        }
    }

    /** The values a required tag accepts. */
    public sealed interface ValueRule {
        boolean accepts(String value);

        /** What is accepted, for findings: "any non-empty value", "one of prod, dev", "matching ^…$". */
        String describe();

        /** Any non-empty value. */
        record AnyValue() implements ValueRule {
            @Override
            public boolean accepts(String value) {
                return !value.isEmpty();
            }

            @Override
            public String describe() {
                return "any non-empty value";
            }
        }

        /** Exactly one of these (case matters: cost reports group by the exact value). */
        record OneOf(List<String> allowed) implements ValueRule {
            public OneOf {
                allowed = List.copyOf(allowed);
            }

            @Override
            public boolean accepts(String value) {
                return allowed.contains(value);
            }

            @Override
            public String describe() {
                return "one of " + String.join(", ", allowed);
            }
        }

        /**
         * The whole value matches the regular expression, in RE2 syntax: RE2/J matches in time linear in the value,
         * so no pattern hangs a run on a crafted tag value.
         */
        record Matching(Pattern pattern) implements ValueRule {
            public Matching {
                Objects.requireNonNull(pattern, "pattern");
            }

            @Override
            public boolean accepts(String value) {
                return pattern.matcher(value).matches();
            }

            @Override
            public String describe() {
                return "matching " + pattern.pattern();
            }

            // Pattern has identity equality; two rules with the same expression are the same rule
            @Override
            public boolean equals(Object o) {
                return o instanceof Matching other && other.pattern.pattern().equals(pattern.pattern());
            }

            @Override
            public int hashCode() {
                return pattern.pattern().hashCode();
            }
        }
    }

    /**
     * Resources the operation never changes; their findings are still reported, as skipped.
     *
     * @param tags a resource carrying any of these tags is exempt; {@code *} matches any value
     */
    public record Exemptions(Set<String> resourceIds, Map<String, String> tags) {
        public static final Exemptions NONE = new Exemptions(Set.of(), Map.of());

        public Exemptions {
            resourceIds = Set.copyOf(resourceIds);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * What the operation may change; everything is off unless the policy turns it on.
     *
     * @param addDefaults add a missing tag that has a default value
     * @param fixCase     rename a key spelled in another case ({@code Owner}) to the declared spelling, keeping its value
     * @param markForOp   tag a resource that stays non-compliant with an action and a due date
     */
    public record Remediation(boolean addDefaults, boolean fixCase, Optional<MarkForOp> markForOp) {
        public static final Remediation REPORT_ONLY = new Remediation(false, false, Optional.empty());

        public Remediation {
            markForOp = Objects.requireNonNullElse(markForOp, Optional.empty());
        }
    }

    /**
     * Mark-for-op: a resource still non-compliant after the automatic fixes is tagged
     * {@code tag = action@due} (due = now + after, in UTC). A later run performs the action on
     * resources still non-compliant once due, and removes the mark from those fixed in the meantime.
     *
     * @param resourceTypes the types that are marked; others are reported only
     */
    public record MarkForOp(Action action, Duration after, String tag, Set<String> resourceTypes) {
        public static final String DEFAULT_TAG = "cloudwarden:marked-for-op";

        public MarkForOp {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(tag, "tag");
            resourceTypes = Set.copyOf(resourceTypes);
        }

        /** What happens when the mark falls due. */
        public enum Action {
            /** Stop the instance (a virtual machine; its disks and data stay). */
            STOP,
            /** Nothing changes: the resource is reported as overdue and notified, every run. */
            NOTIFY;

            public String id() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /** The tag keys that record who created a resource and when (event runs); existing values are never overwritten. */
    public record CreatorTags(String principalKey, String principalTypeKey, String timeKey) {
        public static final CreatorTags DEFAULT = new CreatorTags("created-by", "created-by-type", "created-at");
    }

    /**
     * The most one run may change; exceeding a limit refuses the whole plan and changes nothing.
     *
     * @param changes  resources whose tags would change, or which would be stopped ({@code maxChanges}, {@code maxPercent})
     * @param maxStops instances one run may stop, however many are due
     */
    public record BlastRadius(ChangeLimit changes, int maxStops) {
        public static final int DEFAULT_MAX_STOPS = 10;
        public static final BlastRadius DEFAULT = new BlastRadius(ChangeLimit.DEFAULT, DEFAULT_MAX_STOPS);

        public BlastRadius {
            Objects.requireNonNull(changes, "changes");
        }
    }
}
