package dev.cloudwarden.emulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a patch baseline says, as SSM's {@code GetPatchBaselineResult} shows it: the members of a
 * {@code CreatePatchBaseline} request with the defaults AWS documents filled in where the request left them out
 * (operating system {@code WINDOWS}, approved-patch compliance {@code UNSPECIFIED}, non-security updates off,
 * rejected patches {@code ALLOW_AS_DEPENDENCY}, and in each rule compliance {@code UNSPECIFIED} and non-security
 * off); lists and filter groups left out are empty, as {@code get-patch-baseline} prints them.
 *
 * <p>The nested records read and write the model's member names, so a request's JSON binds to them and they
 * write back the same JSON.
 */
record PatchBaselineContent(String name, String operatingSystem, FilterGroup globalFilters, RuleGroup approvalRules,
                            List<String> approvedPatches, String approvedPatchesComplianceLevel,
                            boolean approvedPatchesEnableNonSecurity, List<String> rejectedPatches,
                            String rejectedPatchesAction, String description, List<Source> sources,
                            String availableSecurityUpdatesComplianceStatus) {

    static final List<String> OPERATING_SYSTEMS = List.of("WINDOWS", "AMAZON_LINUX", "AMAZON_LINUX_2",
            "AMAZON_LINUX_2022", "UBUNTU", "REDHAT_ENTERPRISE_LINUX", "SUSE", "CENTOS", "ORACLE_LINUX", "DEBIAN",
            "MACOS", "RASPBIAN", "ROCKY_LINUX", "ALMA_LINUX", "AMAZON_LINUX_2023");
    static final String DEFAULT_OPERATING_SYSTEM = "WINDOWS";
    static final Pattern BASELINE_ID = Pattern.compile("^[a-zA-Z0-9_\\-:/]{20,128}$");

    private static final List<String> COMPLIANCE_LEVELS = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL",
            "UNSPECIFIED");
    private static final List<String> PATCH_ACTIONS = List.of("ALLOW_AS_DEPENDENCY", "BLOCK");
    private static final List<String> COMPLIANCE_STATUSES = List.of("COMPLIANT", "NON_COMPLIANT");
    private static final List<String> FILTER_KEYS = List.of("ARCH", "ADVISORY_ID", "BUGZILLA_ID", "PATCH_SET", "PRODUCT",
            "PRODUCT_FAMILY", "CLASSIFICATION", "CVE_ID", "EPOCH", "MSRC_SEVERITY", "NAME", "PATCH_ID", "SECTION",
            "PRIORITY", "REPOSITORY", "RELEASE", "SEVERITY", "SECURITY", "VERSION");
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_\\-.]{3,128}$");
    private static final Pattern SOURCE_NAME = Pattern.compile("^[a-zA-Z0-9_\\-.]{3,50}$");
    private static final String UNSPECIFIED = "UNSPECIFIED";
    private static final String ALLOW_AS_DEPENDENCY = "ALLOW_AS_DEPENDENCY";

    PatchBaselineContent {
        approvedPatches = List.copyOf(approvedPatches);
        rejectedPatches = List.copyOf(rejectedPatches);
        sources = List.copyOf(sources);
    }

    /** {@code PatchFilter}: a key and 1–20 values. */
    record Filter(@JsonProperty("Key") String key, @JsonProperty("Values") List<String> values) {
        Filter {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** {@code PatchFilterGroup}: up to 4 filters. */
    record FilterGroup(@JsonProperty("PatchFilters") List<Filter> patchFilters) {
        static final FilterGroup EMPTY = new FilterGroup(List.of());

        FilterGroup {
            patchFilters = patchFilters == null ? List.of() : List.copyOf(patchFilters);
        }
    }

    /** {@code PatchRule}, with AWS's defaults for compliance level and non-security updates. */
    record Rule(@JsonProperty("PatchFilterGroup") FilterGroup patchFilterGroup,
                @JsonProperty("ComplianceLevel") String complianceLevel,
                @JsonProperty("ApproveAfterDays") Integer approveAfterDays,
                @JsonProperty("ApproveUntilDate") String approveUntilDate,
                @JsonProperty("EnableNonSecurity") Boolean enableNonSecurity) {
        Rule {
            patchFilterGroup = patchFilterGroup == null ? FilterGroup.EMPTY : patchFilterGroup;
            complianceLevel = complianceLevel == null ? UNSPECIFIED : complianceLevel;
            enableNonSecurity = enableNonSecurity != null && enableNonSecurity;
        }
    }

    /** {@code PatchRuleGroup}: up to 10 rules. */
    record RuleGroup(@JsonProperty("PatchRules") List<Rule> patchRules) {
        static final RuleGroup EMPTY = new RuleGroup(List.of());

        RuleGroup {
            patchRules = patchRules == null ? List.of() : List.copyOf(patchRules);
        }
    }

    /** {@code PatchSource}: an alternative repository for Linux nodes. */
    record Source(@JsonProperty("Name") String name, @JsonProperty("Products") List<String> products,
                  @JsonProperty("Configuration") String configuration) {
        Source {
            products = products == null ? List.of() : List.copyOf(products);
        }
    }

    /**
     * Checks the members of a create or update request against the model's constraints. {@code create}: the
     * request is a {@code CreatePatchBaseline} (name required, operating system allowed); otherwise an
     * {@code UpdatePatchBaseline} (baseline id required, and the name too with {@code Replace: true}).
     */
    static void check(JsonNode request, boolean create, SsmProblems problems) {
        if (!create) {
            problems.required("baselineId", request.get("BaselineId"))
                    .text("baselineId", request.get("BaselineId"), 20, 128, BASELINE_ID)
                    .bool("replace", request.get("Replace"));
        }
        boolean nameRequired = create || request.path("Replace").asBoolean(false);
        if (nameRequired) {
            problems.required("name", request.get("Name"));
        }
        problems.text("name", request.get("Name"), 3, 128, NAME);
        if (create) {
            problems.oneOf("operatingSystem", request.get("OperatingSystem"), OPERATING_SYSTEMS);
        }
        checkFilterGroup("globalFilters", request.get("GlobalFilters"), problems);
        JsonNode rules = request.get("ApprovalRules");
        problems.structure("approvalRules", rules);
        if (rules != null && rules.isObject()) {
            JsonNode list = rules.get("PatchRules");
            problems.required("approvalRules.patchRules", list).size("approvalRules.patchRules", list, 0, 10);
            if (list != null && list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode rule = list.get(i);
                    String at = "approvalRules.patchRules." + (i + 1) + ".member";
                    problems.structure(at, rule);
                    if (!rule.isObject()) {
                        continue;
                    }
                    problems.required(at + ".patchFilterGroup", rule.get("PatchFilterGroup"));
                    checkFilterGroup(at + ".patchFilterGroup", rule.get("PatchFilterGroup"), problems);
                    problems.oneOf(at + ".complianceLevel", rule.get("ComplianceLevel"), COMPLIANCE_LEVELS)
                            .range(at + ".approveAfterDays", rule.get("ApproveAfterDays"), 0, 360)
                            .text(at + ".approveUntilDate", rule.get("ApproveUntilDate"), 1, 10, null)
                            .bool(at + ".enableNonSecurity", rule.get("EnableNonSecurity"));
                }
            }
        }
        checkPatchIds("approvedPatches", request.get("ApprovedPatches"), problems);
        checkPatchIds("rejectedPatches", request.get("RejectedPatches"), problems);
        problems.oneOf("approvedPatchesComplianceLevel", request.get("ApprovedPatchesComplianceLevel"), COMPLIANCE_LEVELS)
                .bool("approvedPatchesEnableNonSecurity", request.get("ApprovedPatchesEnableNonSecurity"))
                .oneOf("rejectedPatchesAction", request.get("RejectedPatchesAction"), PATCH_ACTIONS)
                .text("description", request.get("Description"), 1, 1024, null)
                .oneOf("availableSecurityUpdatesComplianceStatus", request.get("AvailableSecurityUpdatesComplianceStatus"),
                        COMPLIANCE_STATUSES);
        JsonNode sources = request.get("Sources");
        problems.size("sources", sources, 0, 20);
        if (sources != null && sources.isArray()) {
            for (int i = 0; i < sources.size(); i++) {
                JsonNode source = sources.get(i);
                String at = "sources." + (i + 1) + ".member";
                problems.structure(at, source);
                if (!source.isObject()) {
                    continue;
                }
                problems.required(at + ".name", source.get("Name"))
                        .text(at + ".name", source.get("Name"), 3, 50, SOURCE_NAME)
                        .required(at + ".products", source.get("Products"))
                        .size(at + ".products", source.get("Products"), 1, 20)
                        .required(at + ".configuration", source.get("Configuration"))
                        .text(at + ".configuration", source.get("Configuration"), 1, 1024, null);
                eachText(at + ".products", source.get("Products"), 1, 128, problems);
            }
        }
    }

    private static void checkFilterGroup(String at, JsonNode group, SsmProblems problems) {
        problems.structure(at, group);
        if (group == null || !group.isObject()) {
            return;
        }
        JsonNode filters = group.get("PatchFilters");
        problems.required(at + ".patchFilters", filters).size(at + ".patchFilters", filters, 0, 4);
        if (filters == null || !filters.isArray()) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            JsonNode filter = filters.get(i);
            String f = at + ".patchFilters." + (i + 1) + ".member";
            problems.structure(f, filter);
            if (!filter.isObject()) {
                continue;
            }
            problems.required(f + ".key", filter.get("Key")).oneOf(f + ".key", filter.get("Key"), FILTER_KEYS)
                    .required(f + ".values", filter.get("Values")).size(f + ".values", filter.get("Values"), 1, 20);
            eachText(f + ".values", filter.get("Values"), 1, 64, problems);
        }
    }

    private static void checkPatchIds(String at, JsonNode ids, SsmProblems problems) {
        problems.size(at, ids, 0, 50);
        eachText(at, ids, 1, 100, problems);
    }

    private static void eachText(String at, JsonNode list, int min, int max, SsmProblems problems) {
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                String element = at + "." + (i + 1) + ".member";
                problems.required(element, list.get(i)).text(element, list.get(i), min, max, null);
            }
        }
    }

    /** The content a checked {@code CreatePatchBaseline} request creates, AWS's defaults filled in. */
    static PatchBaselineContent created(JsonNode request) {
        String os = SsmJson.text(request, "OperatingSystem");
        return new PatchBaselineContent(
                SsmJson.text(request, "Name"),
                os == null ? DEFAULT_OPERATING_SYSTEM : os,
                bind(request.get("GlobalFilters"), FilterGroup.class, FilterGroup.EMPTY),
                bind(request.get("ApprovalRules"), RuleGroup.class, RuleGroup.EMPTY),
                SsmJson.texts(request, "ApprovedPatches"),
                orDefault(SsmJson.text(request, "ApprovedPatchesComplianceLevel"), UNSPECIFIED),
                request.path("ApprovedPatchesEnableNonSecurity").asBoolean(false),
                SsmJson.texts(request, "RejectedPatches"),
                orDefault(SsmJson.text(request, "RejectedPatchesAction"), ALLOW_AS_DEPENDENCY),
                SsmJson.text(request, "Description"),
                bindSources(request.get("Sources")),
                SsmJson.text(request, "AvailableSecurityUpdatesComplianceStatus"));
    }

    /**
     * This content changed by a checked {@code UpdatePatchBaseline} request. Without {@code Replace} each member
     * the request gives replaces the old one and the others stay. With {@code Replace: true} the model says the
     * optional members left out "are set to null": they fall back to what a create request without them gives —
     * AWS's defaults — so a replaced baseline reads exactly like a new one made from the same request. The
     * operating system cannot change (the update request has no such member).
     */
    PatchBaselineContent updatedBy(JsonNode request) {
        if (request.path("Replace").asBoolean(false)) {
            ObjectNode asCreate = ((ObjectNode) request.deepCopy()).put("OperatingSystem", operatingSystem);
            return created(asCreate);
        }
        return new PatchBaselineContent(
                SsmJson.has(request, "Name") ? SsmJson.text(request, "Name") : name,
                operatingSystem,
                SsmJson.has(request, "GlobalFilters") ? bind(request.get("GlobalFilters"), FilterGroup.class, FilterGroup.EMPTY) : globalFilters,
                SsmJson.has(request, "ApprovalRules") ? bind(request.get("ApprovalRules"), RuleGroup.class, RuleGroup.EMPTY) : approvalRules,
                SsmJson.has(request, "ApprovedPatches") ? SsmJson.texts(request, "ApprovedPatches") : approvedPatches,
                SsmJson.has(request, "ApprovedPatchesComplianceLevel")
                        ? SsmJson.text(request, "ApprovedPatchesComplianceLevel") : approvedPatchesComplianceLevel,
                SsmJson.has(request, "ApprovedPatchesEnableNonSecurity")
                        ? request.get("ApprovedPatchesEnableNonSecurity").asBoolean() : approvedPatchesEnableNonSecurity,
                SsmJson.has(request, "RejectedPatches") ? SsmJson.texts(request, "RejectedPatches") : rejectedPatches,
                SsmJson.has(request, "RejectedPatchesAction") ? SsmJson.text(request, "RejectedPatchesAction") : rejectedPatchesAction,
                SsmJson.has(request, "Description") ? SsmJson.text(request, "Description") : description,
                SsmJson.has(request, "Sources") ? bindSources(request.get("Sources")) : sources,
                SsmJson.has(request, "AvailableSecurityUpdatesComplianceStatus")
                        ? SsmJson.text(request, "AvailableSecurityUpdatesComplianceStatus") : availableSecurityUpdatesComplianceStatus);
    }

    /** Writes the members {@code GetPatchBaselineResult} and {@code UpdatePatchBaselineResult} share, in the model's order. */
    void writeTo(ObjectNode answer) {
        answer.put("Name", name);
        answer.put("OperatingSystem", operatingSystem);
        answer.set("GlobalFilters", SsmJson.MAPPER.valueToTree(globalFilters));
        answer.set("ApprovalRules", SsmJson.MAPPER.valueToTree(approvalRules));
        answer.set("ApprovedPatches", SsmJson.MAPPER.valueToTree(approvedPatches));
        answer.put("ApprovedPatchesComplianceLevel", approvedPatchesComplianceLevel);
        answer.put("ApprovedPatchesEnableNonSecurity", approvedPatchesEnableNonSecurity);
        answer.set("RejectedPatches", SsmJson.MAPPER.valueToTree(rejectedPatches));
        answer.put("RejectedPatchesAction", rejectedPatchesAction);
    }

    /** Writes the members that follow the dates in those results. */
    void writeTailTo(ObjectNode answer) {
        if (description != null) {
            answer.put("Description", description);
        }
        answer.set("Sources", SsmJson.MAPPER.valueToTree(sources));
        if (availableSecurityUpdatesComplianceStatus != null) {
            answer.put("AvailableSecurityUpdatesComplianceStatus", availableSecurityUpdatesComplianceStatus);
        }
    }

    private static <T> T bind(JsonNode node, Class<T> type, T absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        try {
            return SsmJson.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // check() ran first, so this is a shape check() does not know: a bug here, not a client error
            throw new IllegalStateException("a checked " + type.getSimpleName() + " that does not bind: " + e.getMessage(), e);
        }
    }

    private static List<Source> bindSources(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        return List.of(bind(node, Source[].class, new Source[0]));
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
