package dev.cloudwarden.api;

import java.util.List;

/**
 * Which members of a group a rule reaches. AWS and Azure rules reach every member of the group or
 * NSG; GCP rules reach the instances with one of the target tags or service accounts, or every
 * instance of the network when both lists are empty.
 */
public record AppliesTo(List<String> targetTags, List<String> targetServiceAccounts) {
    public static final AppliesTo WHOLE_GROUP = new AppliesTo(List.of(), List.of());

    public AppliesTo {
        targetTags = List.copyOf(targetTags);
        targetServiceAccounts = List.copyOf(targetServiceAccounts);
    }

    public boolean wholeGroup() {
        return targetTags.isEmpty() && targetServiceAccounts.isEmpty();
    }
}
