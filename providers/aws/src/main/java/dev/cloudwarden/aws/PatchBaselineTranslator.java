package dev.cloudwarden.aws;

import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchBaseline.ApprovalRule;
import dev.cloudwarden.api.PatchBaseline.ComplianceLevel;
import dev.cloudwarden.api.PatchBaseline.PatchFilter;
import dev.cloudwarden.api.PatchBaseline.PatchSource;
import dev.cloudwarden.api.PatchBaseline.RejectedPatchesAction;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.ssm.model.GetPatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.PatchFilterGroup;
import software.amazon.awssdk.services.ssm.model.PatchRule;
import software.amazon.awssdk.services.ssm.model.PatchRuleGroup;

/**
 * SSM's patch baseline shapes and the neutral {@link PatchBaseline}, both ways. What SSM leaves out of an
 * answer is read as SSM's documented default (compliance level UNSPECIFIED, rejected patches allowed as
 * dependencies, non-security updates off), so that a baseline read back equals the one written.
 */
final class PatchBaselineTranslator {
    private PatchBaselineTranslator() {
    }

    static PatchBaseline fromSsm(GetPatchBaselineResponse r) {
        return new PatchBaseline(r.name(), r.operatingSystemAsString(), r.description(),
                filters(r.globalFilters()),
                r.approvalRules() == null ? List.of() : r.approvalRules().patchRules().stream().map(PatchBaselineTranslator::rule).toList(),
                r.approvedPatches(), level(r.approvedPatchesComplianceLevelAsString()),
                Boolean.TRUE.equals(r.approvedPatchesEnableNonSecurity()), r.rejectedPatches(),
                r.rejectedPatchesActionAsString() == null ? RejectedPatchesAction.ALLOW_AS_DEPENDENCY
                        : RejectedPatchesAction.valueOf(r.rejectedPatchesActionAsString()),
                r.sources().stream().map(s -> new PatchSource(s.name(), s.products(), s.configuration())).toList());
    }

    /** Empty filter groups are left out: SSM refuses a group without filters. */
    static PatchFilterGroup toSsm(List<PatchFilter> filters) {
        return filters.isEmpty() ? null : PatchFilterGroup.builder()
                .patchFilters(filters.stream().map(f -> software.amazon.awssdk.services.ssm.model.PatchFilter.builder()
                        .key(f.key()).values(f.values()).build()).toList())
                .build();
    }

    static PatchRuleGroup rulesToSsm(List<ApprovalRule> rules) {
        return rules.isEmpty() ? null : PatchRuleGroup.builder().patchRules(rules.stream().map(rule -> {
            PatchRule.Builder b = PatchRule.builder().patchFilterGroup(toSsm(rule.filters()))
                    .complianceLevel(rule.complianceLevel().name()).enableNonSecurity(rule.enableNonSecurity());
            rule.approveAfterDays().ifPresent(b::approveAfterDays);
            rule.approveUntilDate().ifPresent(date -> b.approveUntilDate(date.toString()));
            return b.build();
        }).toList()).build();
    }

    static List<software.amazon.awssdk.services.ssm.model.PatchSource> sourcesToSsm(List<PatchSource> sources) {
        return sources.stream().map(s -> software.amazon.awssdk.services.ssm.model.PatchSource.builder()
                .name(s.name()).products(s.products()).configuration(s.configuration()).build()).toList();
    }

    private static List<PatchFilter> filters(PatchFilterGroup group) {
        if (group == null) {
            return List.of();
        }
        return group.patchFilters().stream().map(f -> new PatchFilter(f.keyAsString(), f.values())).toList();
    }

    private static ApprovalRule rule(PatchRule rule) {
        return new ApprovalRule(filters(rule.patchFilterGroup()), level(rule.complianceLevelAsString()),
                rule.approveAfterDays() == null ? OptionalInt.empty() : OptionalInt.of(rule.approveAfterDays()),
                Optional.ofNullable(rule.approveUntilDate()).map(LocalDate::parse),
                Boolean.TRUE.equals(rule.enableNonSecurity()));
    }

    private static ComplianceLevel level(String level) {
        return level == null ? ComplianceLevel.UNSPECIFIED : ComplianceLevel.valueOf(level);
    }
}
