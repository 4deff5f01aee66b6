package dev.cloudwarden.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How one cloud spells the names a policy gives and cloudwarden writes: tag (or label) keys and values, regions,
 * notification topics, the principals that make changes, and cloudwarden's own bookkeeping tags. Core asks these
 * and knows no cloud's rules itself, so that a policy for any cloud is checked at load time by the rules of that
 * cloud, and a second cloud changes no check in core.
 *
 * <p>Published by each provider module without connecting ({@link CloudProviderFactory#names()}): a policy is
 * validated before any credentials are used. Every {@code …Problem} method answers in one clause that completes
 * "the value is refused because …" and names what is accepted ({@code "keys starting with aws: are reserved by AWS
 * and cannot be set"}), or empty when the name is fine.
 */
public interface CloudNames {

    CloudId cloud();

    /** Why {@code key} cannot be a tag key that cloudwarden is asked to write (length, characters, a reserved prefix). */
    Optional<String> tagKeyProblem(String key);

    /** Why {@code value} cannot be a tag value that cloudwarden is asked to write. */
    Optional<String> tagValueProblem(String value);

    /**
     * Keys the cloud writes itself and no one else may set ({@code aws:…} on AWS): never copied from a volume onto its
     * snapshots, nor from a snapshot onto its copy. Compared as the cloud compares keys.
     */
    boolean reservedKey(String key);

    /**
     * True when the cloud treats keys that differ only in case as one key (Azure). Fixing the case of such a key must
     * then be one write that replaces the whole set: adding the new spelling and deleting the old would delete the
     * tag itself.
     */
    boolean caseInsensitiveKeys();

    /** The most tags one resource can carry. */
    int maxTagsPerResource();

    /**
     * The resource type of a virtual machine, in the spelling {@link Tags}-bearing resources carry
     * ({@code ec2:instance}, {@code Microsoft.Compute/virtualMachines}, {@code compute.googleapis.com/Instance}):
     * what {@link ComputeOps#stop} stops.
     */
    String instanceType();

    /** Why {@code region} is not a region (location) name of this cloud, for a policy's copy target and the like. */
    Optional<String> regionProblem(String region);

    /** Why {@code topic} is not a notification topic of this cloud (an SNS topic ARN, an Event Grid topic id …). */
    Optional<String> topicProblem(String topic);

    /**
     * The role (service identity) that {@code principal} acts as, when it acts as one: the role of an AWS assumed-role
     * session ARN, an Azure managed identity or application, a GCP service account. A person acts as no role. Used to
     * tell cloudwarden's own changes (made under its roles) from anyone else's.
     */
    Optional<String> actingRole(String principal);

    /**
     * The environment variables the cloud's own tools read the region (location) from, first wins: where a command-line
     * run looks when neither the command nor the policy names one. Empty: none.
     */
    default List<String> regionVariables() {
        return List.of();
    }

    /**
     * The environment variables the cloud's own tools read the account (subscription, project) from, first wins; empty
     * where the credentials imply it (AWS).
     */
    default List<String> accountVariables() {
        return List.of();
    }

    /** cloudwarden's own bookkeeping tags, as this cloud lets them be written. */
    BookkeepingTags bookkeeping();

    /** The operating systems the cloud's patch service knows, in its spelling; empty when it names none. */
    default List<String> patchOperatingSystems() {
        return List.of();
    }

    /** The keys by which the cloud's patch service filters patches, in its spelling; empty when it has none. */
    default Set<String> patchFilterKeys() {
        return Set.of();
    }

    /**
     * The tag (or label) keys the cloud's patch service reads a machine's patch group from, the one cloudwarden writes
     * first; empty when any key may be named.
     */
    default List<String> patchGroupTags() {
        return List.of();
    }

    /** How an on-demand patch assessment is named in a finding, such as {@code AWS-RunPatchBaseline (Operation=Scan)}. */
    default String patchAssessment() {
        return "an on-demand assessment";
    }

    /** What is wrong with a baseline's name as the cloud's patch service names them; empty when it may be used. */
    default Optional<String> patchBaselineNameProblem(String name) {
        return name.isBlank() ? Optional.of("expected a name, got \"\"") : Optional.empty();
    }

    /**
     * The fields of a declared baseline ({@link PatchBaseline}, by their policy names) that the cloud's patch service
     * keeps; a policy giving any other is refused at that field. The neutral ones by default: what every cloud keeps.
     */
    default Set<String> patchFields() {
        return PatchBaseline.NEUTRAL_FIELDS;
    }

    /**
     * How cloudwarden spells the tags it keeps on what it creates and marks (the plan and window of a snapshot, a
     * mark-for-op's due date): a logical key such as {@code plan} becomes {@code cloudwarden:plan} where the cloud
     * accepts it, and something else where it does not (GCP labels allow only {@code [a-z0-9_-]}, 63 characters).
     * Values go through {@link #encode} and {@link #decode}, which must be exact inverses of each other, so that a run
     * reads back what an earlier run wrote.
     */
    interface BookkeepingTags {
        /** The stored key for one of cloudwarden's logical keys ({@code plan}, {@code window}, {@code copy-of} …). */
        String key(String name);

        /** True when {@code key} is one of cloudwarden's own, whatever its logical name. */
        boolean isOwn(String key);

        /** {@code value} as the cloud accepts it. */
        String encode(String value);

        /** The value that {@link #encode} made into {@code stored}; empty when it is not one that encode makes. */
        Optional<String> decode(String stored);

        /** For clouds that take {@code cloudwarden:<name>} keys and any value as it is (AWS, Azure). */
        BookkeepingTags VERBATIM = new BookkeepingTags() {
            private static final String PREFIX = "cloudwarden:";

            @Override
            public String key(String name) {
                return PREFIX + name;
            }

            @Override
            public boolean isOwn(String key) {
                return key.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
            }

            @Override
            public String encode(String value) {
                return value;
            }

            @Override
            public Optional<String> decode(String stored) {
                return Optional.of(stored);
            }
        };
    }
}
