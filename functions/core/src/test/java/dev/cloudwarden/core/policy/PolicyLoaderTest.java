package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.Exemptions;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.Remediation;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    private static final String AUDIT_SECTION_FIELDS = "sensitivePorts, publicCidrs, exempt, remediation, blastRadius";
    private static final String SEVERITIES = "info, low, medium, high, critical";
    private static final String PUBLIC_ENTRY_EXPECTED = "expected a CIDR block such as 203.0.113.0/24 or 2001:db8::/32, "
            + "or a managed prefix list id such as pl-0123456789abcdef0";

    /** What both the YAML and the JSON policy below say. */
    private static final Policy FULL_POLICY = new Policy(1, CloudId.AWS, Optional.of("eu-west-1"), true,
            List.of(new FirewallAuditPolicy(
                    List.of(new SensitivePort(PortRange.single(22), "ssh", Severity.HIGH),
                            new SensitivePort(new PortRange(5900, 5903), "vnc", Severity.CRITICAL)),
                    List.of(IpRange.parse("100.64.0.0/10")),
                    List.of("pl-0123456789abcdef0"),
                    new Exemptions(Set.of("sg-bastion"), Map.of("cloudwarden", "exempt", "team", "*")),
                    new Remediation(Remediation.Action.NARROW, List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32"))),
                    new ChangeLimit(5, OptionalInt.of(20)))));

    @Test
    void loadsEveryFieldOfAYamlPolicy() {
        Policy policy = PolicyLoader.parse("""
                version: 1
                cloud: aws
                region: eu-west-1
                dryRun: true
                securityGroupAudit:
                  sensitivePorts:
                    - ports: 22
                      service: ssh
                      severity: high
                    - ports: "5900-5903"
                      service: vnc
                      severity: critical
                  publicCidrs: [100.64.0.0/10, pl-0123456789abcdef0]
                  exempt:
                    groupIds: [sg-bastion]
                    tags:
                      cloudwarden: exempt
                      team: "*"
                  remediation:
                    action: narrow
                    narrowTo: [10.0.0.0/8, "2001:db8::/32"]
                  blastRadius:
                    maxChanges: 5
                    maxPercent: 20
                """, "policy.yaml");

        assertThat(policy).isEqualTo(FULL_POLICY);
    }

    @Test
    void loadsTheSamePolicyWrittenAsJson() {
        Policy policy = PolicyLoader.parse("""
                {
                  "version": 1, "cloud": "aws", "region": "eu-west-1", "dryRun": true,
                  "securityGroupAudit": {
                    "sensitivePorts": [
                      {"ports": 22, "service": "ssh", "severity": "high"},
                      {"ports": "5900-5903", "service": "vnc", "severity": "critical"}
                    ],
                    "publicCidrs": ["100.64.0.0/10", "pl-0123456789abcdef0"],
                    "exempt": {"groupIds": ["sg-bastion"], "tags": {"cloudwarden": "exempt", "team": "*"}},
                    "remediation": {"action": "narrow", "narrowTo": ["10.0.0.0/8", "2001:db8::/32"]},
                    "blastRadius": {"maxChanges": 5, "maxPercent": 20}
                  }
                }
                """, "policy.json");

        assertThat(policy).isEqualTo(FULL_POLICY);
    }

    @Test
    void defaultsToReportingTheUsualSensitivePortsWithABlastRadiusOf50Groups() {
        Policy policy = PolicyLoader.parse("""
                version: 1
                cloud: gcp
                securityGroupAudit: {}
                """, "policy.yaml");

        FirewallAuditPolicy audit = policy.section(FirewallAuditPolicy.class).orElseThrow();
        assertThat(policy.dryRun()).isFalse();
        assertThat(policy.region()).isEmpty();
        assertThat(audit.sensitivePorts()).contains(
                new SensitivePort(PortRange.single(22), "ssh", Severity.HIGH),
                new SensitivePort(PortRange.single(3389), "rdp", Severity.CRITICAL));
        assertThat(audit.publicCidrs()).isEmpty();
        assertThat(audit.exempt()).isEqualTo(Exemptions.NONE);
        assertThat(audit.remediation()).isEqualTo(Remediation.REPORT_ONLY);
        assertThat(audit.blastRadius()).isEqualTo(new ChangeLimit(50, OptionalInt.empty()));
    }

    @Test
    void loadsAPolicyFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "version: 1\ncloud: azure\nsecurityGroupAudit: {}\n");

        assertThat(PolicyLoader.load(file).cloud()).isEqualTo(CloudId.AZURE);
    }

    @Test
    void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(file));

        assertThat(e.errors()).containsExactly(new PolicyError("(file)", "no such file", 0));
        assertThat(e).hasMessageContaining(file.toString());
    }

    @Test
    void anUnknownFieldIsAnErrorListingTheValidNames() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediaton:
                    action: revoke
                """)).containsExactly(new PolicyError("securityGroupAudit.remediaton",
                "unknown field; expected one of: " + AUDIT_SECTION_FIELDS, 4));
    }

    @Test
    void anUnknownCloudIsAnErrorListingTheClouds() {
        assertThat(errorsOf("""
                version: 1
                cloud: oracle
                securityGroupAudit: {}
                """)).containsExactly(new PolicyError("cloud", "expected one of aws, azure, gcp, got \"oracle\"", 2));
    }

    @Test
    void anUnknownSeverityIsAnErrorListingTheSeverities() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  sensitivePorts:
                    - ports: 22
                      severity: urgent
                """)).containsExactly(new PolicyError("securityGroupAudit.sensitivePorts[0].severity",
                "expected one of " + SEVERITIES + ", got \"urgent\"", 6));
    }

    @Test
    void aBadCidrIsAnErrorAtItsListEntry() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  publicCidrs:
                    - 100.64.0.0/10
                    - 100.64.0.0/33
                """)).containsExactly(new PolicyError("securityGroupAudit.publicCidrs[1]",
                "'100.64.0.0/33' has prefix length 33, expected 0..32", 6));
    }

    @Test
    void publicCidrsMayNameManagedPrefixLists_besideCidrs_eachKeptOnce() {
        FirewallAuditPolicy audit = PolicyLoader.parse("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  publicCidrs: [pl-63a5400a, 100.64.0.0/10, pl-0123456789abcdef0, pl-63a5400a]
                """, "policy.yaml").section(FirewallAuditPolicy.class).orElseThrow();

        assertThat(audit.publicCidrs()).containsExactly(IpRange.parse("100.64.0.0/10"));
        assertThat(audit.publicAddressSets()).containsExactly("pl-63a5400a", "pl-0123456789abcdef0");
    }

    @Test
    void aPublicCidrsEntryThatIsNeitherACidrNorAPrefixListId_isAnErrorNamingItsEntry() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  publicCidrs:
                    - pl-0123456789abcdef0
                    - sg-0123456789abcdef0
                    - pl-0123456789ABCDEF0
                    - pl-12345
                    - 42
                """)).containsExactly(
                new PolicyError("securityGroupAudit.publicCidrs[1]", PUBLIC_ENTRY_EXPECTED + ", got \"sg-0123456789abcdef0\"", 6),
                new PolicyError("securityGroupAudit.publicCidrs[2]", "not a managed prefix list id: expected pl- and 8 or 17 "
                        + "lowercase hexadecimal digits (pl-0123456789abcdef0), got \"pl-0123456789ABCDEF0\"", 7),
                new PolicyError("securityGroupAudit.publicCidrs[3]", "not a managed prefix list id: expected pl- and 8 or 17 "
                        + "lowercase hexadecimal digits (pl-0123456789abcdef0), got \"pl-12345\"", 8),
                new PolicyError("securityGroupAudit.publicCidrs[4]", PUBLIC_ENTRY_EXPECTED + ", got 42", 9));
    }

    @Test
    void aReversedPortRangeIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  sensitivePorts:
                    - ports: "23-20"
                      severity: high
                """)).containsExactly(new PolicyError("securityGroupAudit.sensitivePorts[0].ports",
                "port range 23-20 is not within 0-65535 in order", 5));
    }

    @Test
    void narrowWithoutNarrowToIsAnErrorAtTheRemediation() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediation:
                    action: narrow
                """)).containsExactly(new PolicyError("securityGroupAudit.remediation.narrowTo",
                "required when action is narrow: the CIDRs that replace the internet as source", 4));
    }

    @Test
    void narrowingToTheWholeInternetIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediation:
                    action: narrow
                    narrowTo:
                      - 10.0.0.0/8
                      - 0.0.0.0/0
                """)).containsExactly(new PolicyError("securityGroupAudit.remediation.narrowTo[1]",
                "narrowing to 0.0.0.0/0 would keep the rule open to the internet", 8));
    }

    @Test
    void narrowingToABlockTheAuditCountsAsTheInternetIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediation:
                    action: narrow
                    narrowTo: [0.0.0.0/1]
                """)).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("securityGroupAudit.remediation.narrowTo[0]", 6));
    }

    @Test
    void aMissingVersionIsAnErrorAtTheMappingThatLacksIt() {
        assertThat(errorsOf("""
                cloud: aws
                securityGroupAudit: {}
                """)).containsExactly(new PolicyError("version", "required: expected the number 1", 1));
    }

    @Test
    void aYamlSyntaxErrorGivesTheLineWhereParsingStopped() {
        List<PolicyError> errors = errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  sensitivePorts:
                    - ports: 22
                     severity: high
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("(syntax)");
            assertThat(error.line()).isEqualTo(6);
            assertThat(error.problem()).contains("expected <block end>");
        });
    }

    @Test
    void aDuplicateKeyIsAnErrorAtTheSecondOccurrence() {
        List<PolicyError> errors = errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediation:
                    action: revoke
                    action: report
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(6);
            assertThat(error.problem()).isEqualTo("Duplicate field 'action'");
        });
    }

    @Test
    void aDuplicateKeyNamesItsFieldPath() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediation:
                    action: revoke
                    action: report
                """)).extracting(PolicyError::field).containsExactly("securityGroupAudit.remediation.action");
    }

    @Test
    void everyErrorIsCollectedNotJustTheFirst() {
        assertThat(errorsOf("""
                version: 2
                cloud: oracle
                dryrun: true
                securityGroupAudit:
                  sensitivePorts:
                    - ports: 22
                      severity: urgent
                  publicCidrs: [not-a-cidr]
                  blastRadius:
                    maxPercent: 150
                """)).containsExactlyInAnyOrder(
                new PolicyError("dryrun", "unknown field; expected one of: version, cloud, region, account, dryRun, securityGroupAudit, tagCompliance, snapshotLifecycle, patchBaselines", 3),
                new PolicyError("version", "expected the number 1, got 2", 1),
                new PolicyError("cloud", "expected one of aws, azure, gcp, got \"oracle\"", 2),
                new PolicyError("securityGroupAudit.sensitivePorts[0].severity", "expected one of " + SEVERITIES + ", got \"urgent\"", 7),
                new PolicyError("securityGroupAudit.publicCidrs[0]", PUBLIC_ENTRY_EXPECTED + ", got \"not-a-cidr\"", 8),
                new PolicyError("securityGroupAudit.blastRadius.maxPercent", "expected a whole number from 0 to 100, got 150", 10));
    }

    @Test
    void theExceptionMessageListsEveryErrorWithItsLine() {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
                () -> PolicyLoader.parse("version: 1\ncloud: oracle\nregion: ''\nsecurityGroupAudit: {}\n", "policy.yaml"));

        assertThat(e).hasMessage("invalid policy policy.yaml:\n"
                + "  line 2: cloud: expected one of aws, azure, gcp, got \"oracle\"\n"
                + "  line 3: region: expected a non-empty string, got \"\"");
    }

    private static List<PolicyError> errorsOf(String text) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.parse(text, "policy.yaml"));
        assertThat(e).as("the policy is refused").isNotNull();
        return e.errors();
    }
}
