package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FindingImportResult;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.SecurityFinding;
import dev.cloudwarden.api.SecurityFinding.Category;
import dev.cloudwarden.api.SecurityFinding.Compliance;
import dev.cloudwarden.api.SecurityFinding.Severity;
import dev.cloudwarden.api.SecurityFinding.State;
import dev.cloudwarden.api.SecurityFindingsOps;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/**
 * {@link SecurityFindingsOps} against moto server through the real Security Hub client. What the provider imported is
 * read back with a plain SDK client's GetFindings, never through the code under test.
 */
@ExtendWith(MotoExtension.class)
class MotoSecurityFindingsTest {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";
    private static final String PRODUCT = "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default";
    private static final String PREFIX = "cloudwarden/123456789012/us-east-1/security-group-audit/";
    private static final Instant SEEN = Instant.parse("2026-03-11T03:00:00.123Z");

    private final MotoServer moto;
    private SecurityHubClient hub;
    private CloudProvider provider;
    private SecurityFindingsOps findings;

    MotoSecurityFindingsTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connect() {
        hub = SecurityHubClient.builder().region(Region.of(REGION)).endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of(REGION).withEndpoint(moto.endpoint()));
        findings = provider.securityFindings().orElseThrow();
    }

    @AfterEach
    void disconnect() {
        provider.close();
        hub.close();
    }

    @Test
    void anImportedFinding_isAsffWithEveryRequiredField_underTheAccountsDefaultProduct() {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));

        FindingImportResult result = findings.importFindings(List.of(openSsh("a1", "sg-0a1", Compliance.FAILED)));

        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.failed()).isEmpty();
        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.schemaVersion()).isEqualTo("2018-10-08");
            assertThat(f.id()).isEqualTo(PREFIX + "a1");
            assertThat(f.productArn()).isEqualTo(PRODUCT);
            assertThat(f.generatorId()).isEqualTo("cloudwarden/firewall.ingress-open-to-internet");
            assertThat(f.awsAccountId()).isEqualTo(ACCOUNT);
            assertThat(f.types()).containsExactly("Software and Configuration Checks/AWS Security Best Practices/Network Reachability");
            assertThat(f.createdAt()).isEqualTo("2026-03-11T03:00:00.123Z");
            assertThat(f.updatedAt()).isEqualTo("2026-03-11T03:00:00.123Z");
            assertThat(f.severity().label()).isEqualTo(SeverityLabel.HIGH);
            assertThat(f.findingProviderFields().severity().label()).isEqualTo(SeverityLabel.HIGH);
            assertThat(f.findingProviderFields().types()).isEqualTo(f.types());
            assertThat(f.title()).isEqualTo("sg-0a1 (web) lets the internet reach ssh (22)");
            assertThat(f.description()).startsWith("sg-0a1 (web) lets the internet reach ssh (22).");
            assertThat(f.resources()).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo("AwsEc2SecurityGroup");
                assertThat(r.id()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1");
                assertThat(r.region()).isEqualTo(REGION);
                assertThat(r.partitionAsString()).isEqualTo("aws");
                assertThat(r.tags()).containsEntry("team", "web");
            });
            assertThat(f.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
            assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE);
            assertThat(f.productFields()).containsEntry("cloudwarden/action", "revoke-ingress-rule: planned")
                    .containsEntry("cloudwarden/resource/type", "ec2:security-group")
                    .containsEntry("cloudwarden/resource/id", "sg-0a1");
        });
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("securityhub:DescribeHub", 1L,
                "securityhub:BatchImportFindings", 1L));
    }

    @Test
    void importingTheSameIdAgain_updatesTheOneFinding() {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        findings.importFindings(List.of(openSsh("a1", "sg-0a1", Compliance.FAILED)));

        SecurityFinding fixed = new SecurityFinding(PREFIX + "a1", "cloudwarden/firewall.ingress-open-to-internet", Severity.HIGH,
                Category.NETWORK_REACHABILITY, "sg-0a1 (web): rule revoked", "revoked", group("sg-0a1"), SEEN,
                SEEN.plusSeconds(60), Compliance.PASSED, State.ACTIVE, Map.of("cloudwarden/action", "revoke-ingress-rule: applied"));
        FindingImportResult result = findings.importFindings(List.of(fixed));

        assertThat(result.failed()).isEmpty();
        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("sg-0a1 (web): rule revoked");
            assertThat(f.compliance().status()).isEqualTo(ComplianceStatus.PASSED);
            assertThat(f.updatedAt()).isEqualTo("2026-03-11T03:01:00.123Z");
            assertThat(f.createdAt()).isEqualTo("2026-03-11T03:00:00.123Z");
            assertThat(f.productFields()).containsEntry("cloudwarden/action", "revoke-ingress-rule: applied");
        });
        assertThat(provider.apiCalls().byOperation()).as("the hub is described once per provider")
                .containsEntry("securityhub:DescribeHub", 1L).containsEntry("securityhub:BatchImportFindings", 2L);
    }

    @Test
    void twoHundredFiftyFindings_goInThreeCallsOfAtMostAHundred_andAreListedBackPageByPage() {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        List<SecurityFinding> many = IntStream.range(0, 250)
                .mapToObj(i -> openSsh("f" + i, "sg-" + i, Compliance.FAILED)).toList();

        FindingImportResult result = findings.importFindings(many);
        List<SecurityFinding> active = findings.activeFindings(PREFIX);

        assertThat(result.imported()).isEqualTo(250);
        assertThat(result.failed()).isEmpty();
        assertThat(all()).hasSize(250);
        assertThat(active).containsExactlyInAnyOrderElementsOf(many);
        assertThat(provider.apiCalls().byOperation()).containsEntry("securityhub:BatchImportFindings", 3L)
                .containsEntry("securityhub:GetFindings", 3L);
    }

    @Test
    void activeFindings_areThoseOfThePrefix_readBackAsTheyWereImported() {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        SecurityFinding mine = openSsh("a1", "sg-0a1", Compliance.FAILED);
        SecurityFinding snapshot = new SecurityFinding(PREFIX.replace("security-group-audit", "snapshot-lifecycle") + "s1",
                "cloudwarden/snapshots.snapshot-failed", Severity.HIGH, Category.CONFIGURATION, "snap-1 failed", "",
                new ResourceRef(CloudId.AWS, "", REGION, "ec2:snapshot", "snap-1", "", Tags.NONE), SEEN, SEEN,
                Compliance.FAILED, State.ACTIVE, Map.of());
        findings.importFindings(List.of(mine, snapshot));

        assertThat(findings.activeFindings(PREFIX)).containsExactly(mine);
        assertThat(all()).filteredOn(f -> f.id().endsWith("s1")).singleElement().satisfies(f -> {
            assertThat(f.resources().getFirst().type()).isEqualTo("Other");
            assertThat(f.resources().getFirst().id()).as("a snapshot's ARN names no account")
                    .isEqualTo("arn:aws:ec2:us-east-1::snapshot/snap-1");
            assertThat(f.description()).as("the title when there is no description").isEqualTo("snap-1 failed");
        });
    }

    @Test
    void anArchivedFinding_isNoLongerActive_andKeepsEverythingElse() {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        SecurityFinding open = openSsh("a1", "sg-0a1", Compliance.FAILED);
        SecurityFinding other = openSsh("a2", "sg-0a2", Compliance.FAILED);
        findings.importFindings(List.of(open, other));

        List<SecurityFinding> archived = findings.activeFindings(PREFIX).stream().filter(f -> f.id().endsWith("a1"))
                .map(f -> f.archived(SEEN.plusSeconds(3600))).toList();
        FindingImportResult result = findings.importFindings(archived);

        assertThat(result.failed()).isEmpty();
        assertThat(findings.activeFindings(PREFIX)).containsExactly(other);
        assertThat(all()).filteredOn(f -> f.id().endsWith("a1")).singleElement().satisfies(f -> {
            assertThat(f.recordState()).isEqualTo(RecordState.ARCHIVED);
            assertThat(f.compliance().status()).isEqualTo(ComplianceStatus.PASSED);
            assertThat(f.updatedAt()).isEqualTo("2026-03-11T04:00:00.123Z");
            assertThat(f.title()).isEqualTo("sg-0a1 (web) lets the internet reach ssh (22)");
            assertThat(f.resources().getFirst().id()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1");
        });
    }

    @Test
    void aTitleAndDescriptionOverAsffsLimits_areCut() {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        SecurityFinding wordy = new SecurityFinding(PREFIX + "w", "cloudwarden/tags.missing-required-tag", Severity.MEDIUM,
                Category.CONFIGURATION, "t".repeat(300), "d".repeat(2000), group("sg-0a1"), SEEN, SEEN, Compliance.FAILED,
                State.ACTIVE, Map.of("cloudwarden/reason", "r".repeat(3000)));

        findings.importFindings(List.of(wordy));

        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.title()).hasSize(256).endsWith("…");
            assertThat(f.description()).hasSize(1024).endsWith("…");
            assertThat(f.productFields().get("cloudwarden/reason")).hasSize(2048);
        });
    }

    @Test
    void withSecurityHubNotEnabled_everyFindingFails_withSecurityHubsReason_andListingThrows() {
        FindingImportResult result = findings.importFindings(List.of(openSsh("a1", "sg-0a1", Compliance.FAILED),
                openSsh("a2", "sg-0a2", Compliance.FAILED)));

        assertThat(result.imported()).isZero();
        assertThat(result.failed()).containsOnlyKeys(PREFIX + "a1", PREFIX + "a2").allSatisfy((id, e) -> {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.ACCESS_DENIED);
            assertThat(e.operation()).isEqualTo("securityhub:DescribeHub");
            assertThat(e.nativeCode()).isEqualTo("InvalidAccessException");
        });
        CloudException listing = catchThrowableOfType(CloudException.class, () -> findings.activeFindings(PREFIX));
        assertThat(listing.getMessage()).contains("not subscribed to AWS Security Hub");
        assertThat(provider.apiCalls().byOperation()).doesNotContainKey("securityhub:BatchImportFindings");
    }

    private List<AwsSecurityFinding> all() {
        return hub.getFindingsPaginator(r -> r.maxResults(100)).findings().stream().toList();
    }

    private static SecurityFinding openSsh(String key, String groupId, Compliance compliance) {
        String title = groupId + " (web) lets the internet reach ssh (22)";
        return new SecurityFinding(PREFIX + key, "cloudwarden/firewall.ingress-open-to-internet", Severity.HIGH,
                Category.NETWORK_REACHABILITY, title, title + ". Evidence: {\"ports\":\"22\"}", group(groupId), SEEN, SEEN,
                compliance, State.ACTIVE, Map.of("cloudwarden/action", "revoke-ingress-rule: planned", "cloudwarden/check",
                        "firewall.ingress-open-to-internet"));
    }

    private static ResourceRef group(String id) {
        return new ResourceRef(CloudId.AWS, ACCOUNT, REGION, "ec2:security-group", id, "web", Tags.of(Map.of("team", "web")));
    }
}
