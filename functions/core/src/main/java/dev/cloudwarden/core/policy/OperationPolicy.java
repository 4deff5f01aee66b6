package dev.cloudwarden.core.policy;

/**
 * One operation's section of a policy, as its {@link SectionReader} read it. A marker: what a section holds is its
 * operation's business; the policy only keeps sections apart by type.
 */
public interface OperationPolicy {
}
