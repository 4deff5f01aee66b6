package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a provider reads and writes, in the terms each cloud scopes its resources by. AWS credentials imply their
 * account, so on AWS only the region is needed; Azure credentials can reach many subscriptions and GCP credentials
 * many projects, so there the account must be named: a provider for those clouds refuses a scope without one.
 *
 * @param region         the AWS region, Azure location or GCP region the provider serves (GCP's firewalls and networks
 *                       are global and are read once per project, whatever the region)
 * @param account        the AWS account id, Azure subscription id or GCP project id; empty on AWS means the account
 *                       the credentials act in
 * @param resourceGroups Azure only: the resource groups to keep to; empty means the whole subscription
 * @param parents        GCP only: the organisation and folders ({@code organizations/123}, {@code folders/456}) above the
 *                       project, outermost first, whose hierarchical firewall policies traffic passes before the
 *                       project's own rules; empty when they are not to be read
 */
public record CloudScope(String region, Optional<String> account, List<String> resourceGroups, List<String> parents) {
    public CloudScope {
        Objects.requireNonNull(region, "region");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        account = Objects.requireNonNullElse(account, Optional.empty());
        account.ifPresent(id -> {
            if (id.isBlank()) {
                throw new IllegalArgumentException("account must not be blank when given");
            }
        });
        resourceGroups = List.copyOf(resourceGroups);
        parents = List.copyOf(parents);
    }

    /** A region alone: enough on AWS, whose credentials imply the account. */
    public static CloudScope region(String region) {
        return new CloudScope(region, Optional.empty(), List.of(), List.of());
    }

    /** A region within a named account (AWS account, Azure subscription, GCP project). */
    public static CloudScope account(String account, String region) {
        return new CloudScope(region, Optional.of(account), List.of(), List.of());
    }

    public CloudScope withResourceGroups(List<String> groups) {
        return new CloudScope(region, account, groups, parents);
    }

    public CloudScope withParents(List<String> folders) {
        return new CloudScope(region, account, resourceGroups, folders);
    }

    /**
     * The account, for a provider whose cloud needs it named.
     *
     * @param what how the cloud calls it ({@code "subscription"}, {@code "project"}), for the message
     * @throws IllegalArgumentException when the scope names none
     */
    public String requireAccount(String what) {
        return account.orElseThrow(() -> new IllegalArgumentException(
                "no " + what + " given: its credentials can reach more than one, so the " + what + " must be named"));
    }
}
