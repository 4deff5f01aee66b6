package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SsmPatchState;
import dev.cloudwarden.emulator.SsmGapServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.DescribeInstancePatchStatesForPatchGroupResponse;
import software.amazon.awssdk.services.ssm.model.DescribePatchGroupsResponse;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.GetPatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationFilter;
import software.amazon.awssdk.services.ssm.model.InstanceInformationFilterKey;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InstancePatchState;
import software.amazon.awssdk.services.ssm.model.InstancePatchStateFilter;
import software.amazon.awssdk.services.ssm.model.InstancePatchStateOperatorType;
import software.amazon.awssdk.services.ssm.model.InvalidCommandIdException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.OperatingSystem;
import software.amazon.awssdk.services.ssm.model.PatchAction;
import software.amazon.awssdk.services.ssm.model.PatchBaselineIdentity;
import software.amazon.awssdk.services.ssm.model.PatchComplianceLevel;
import software.amazon.awssdk.services.ssm.model.PatchFilter;
import software.amazon.awssdk.services.ssm.model.PatchFilterKey;
import software.amazon.awssdk.services.ssm.model.PatchGroupPatchBaselineMapping;
import software.amazon.awssdk.services.ssm.model.PatchOperationType;
import software.amazon.awssdk.services.ssm.model.PatchOrchestratorFilter;
import software.amazon.awssdk.services.ssm.model.PatchRule;
import software.amazon.awssdk.services.ssm.model.PingStatus;
import software.amazon.awssdk.services.ssm.model.PlatformType;
import software.amazon.awssdk.services.ssm.model.RebootOption;
import software.amazon.awssdk.services.ssm.model.ResourceInUseException;
import software.amazon.awssdk.services.ssm.model.ResourceType;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.UpdatePatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * {@link SsmGapServer} in front of moto, through the real SSM client: what moto implements runs on moto, what it
 * lacks or gets wrong is answered by the gap server in the model's shapes — every answer here is parsed by the
 * SDK, which is the shape check — and the two stay consistent. Each test says which operations ran where.
 */
@ExtendWith(MotoExtension.class)
class SsmGapServerTest {
    private static final String REGION = "us-east-1";
    /** How AWS names its own default baselines: an ARN in an AWS-owned account of the region. */
    private static final String AWS_BASELINE_ARN = "arn:aws:ssm:us-east-1:\\d{12}:patchbaseline/pb-[0-9a-f]{17}";
    private static final String UNKNOWN_BASELINE = "pb-0123456789abcdef0";
    /** A hybrid managed node (not EC2): its tags are SSM's. */
    private static final String HYBRID_NODE = "mi-0123456789abcdef0";
    /** The credential scope moto routes by (service ssm, region us-east-1); neither server checks the signature. */
    private static final String UNSIGNED =
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0";

    private final MotoServer moto;
    private SsmGapServer gap;
    private SsmClient ssm;

    SsmGapServerTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void start() {
        gap = SsmGapServer.start(moto);
        ssm = client(gap.endpoint());
    }

    @AfterEach
    void stop() {
        ssm.close();
        gap.close();
    }

    @Test
    void createIsForwarded_andGetPatchBaselineIsServed_withTheWholeContentAndAwsDefaults() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = ssm.createPatchBaseline(r -> r.name("web-linux").operatingSystem(OperatingSystem.AMAZON_LINUX_2)
                .description("web servers")
                .approvalRules(g -> g.patchRules(rule(7, PatchFilterKey.CLASSIFICATION, "Security")))
                .approvedPatches("kernel-5.10.1")
                .tags(Tag.builder().key("owner").value("platform").build())).baselineId();
        Instant after = Instant.now();

        GetPatchBaselineResponse got = ssm.getPatchBaseline(r -> r.baselineId(id));

        assertThat(got.baselineId()).isEqualTo(id);
        assertThat(got.name()).isEqualTo("web-linux");
        assertThat(got.operatingSystem()).isEqualTo(OperatingSystem.AMAZON_LINUX_2);
        assertThat(got.description()).isEqualTo("web servers");
        assertThat(got.approvalRules().patchRules()).singleElement().satisfies(rule -> {
            assertThat(rule.approveAfterDays()).isEqualTo(7);
            assertThat(rule.complianceLevel()).isEqualTo(PatchComplianceLevel.UNSPECIFIED); // AWS's default
            assertThat(rule.enableNonSecurity()).isFalse();                                 // AWS's default
            assertThat(rule.patchFilterGroup().patchFilters()).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(PatchFilterKey.CLASSIFICATION);
                assertThat(f.values()).containsExactly("Security");
            });
        });
        assertThat(got.globalFilters().patchFilters()).isEmpty();
        assertThat(got.approvedPatches()).containsExactly("kernel-5.10.1");
        assertThat(got.approvedPatchesComplianceLevel()).isEqualTo(PatchComplianceLevel.UNSPECIFIED);
        assertThat(got.approvedPatchesEnableNonSecurity()).isFalse();
        assertThat(got.rejectedPatches()).isEmpty();
        assertThat(got.rejectedPatchesAction()).isEqualTo(PatchAction.ALLOW_AS_DEPENDENCY);
        assertThat(got.patchGroups()).isEmpty();
        assertThat(got.sources()).isEmpty();
        assertThat(got.createdDate()).isBetween(before, after);
        assertThat(got.modifiedDate()).isEqualTo(got.createdDate());

        String minimal = ssm.createPatchBaseline(r -> r.name("minimal")).baselineId();
        assertThat(ssm.getPatchBaseline(r -> r.baselineId(minimal)).operatingSystem())
                .as("the operating system AWS defaults to").isEqualTo(OperatingSystem.WINDOWS);
        // moto cannot tag a baseline: its tags live in the gap server
        assertThat(ssm.listTagsForResource(r -> r.resourceType("PatchBaseline").resourceId(id)).tagList())
                .extracting(Tag::key, Tag::value).containsExactly(tuple("owner", "platform"));
        ssm.addTagsToResource(r -> r.resourceType("PatchBaseline").resourceId(id)
                .tags(Tag.builder().key("owner").value("security").build(), Tag.builder().key("managed-by").value("cloudwarden").build()));
        ssm.removeTagsFromResource(r -> r.resourceType("PatchBaseline").resourceId(minimal).tagKeys("absent"));
        assertThat(ssm.listTagsForResource(r -> r.resourceType("PatchBaseline").resourceId(id)).tagList())
                .extracting(Tag::key, Tag::value).containsExactly(tuple("owner", "security"), tuple("managed-by", "cloudwarden"));

        // on the wire: AWS JSON 1.1, timestamps as epoch seconds (numbers)
        JsonNode raw = rawPost(gap.endpoint(), "GetPatchBaseline", "{\"BaselineId\":\"" + id + "\"}");
        assertThat(raw.get("CreatedDate").isNumber()).isTrue();
        assertThat(Instant.ofEpochMilli(raw.get("CreatedDate").decimalValue().movePointRight(3).longValue()))
                .isEqualTo(got.createdDate());

        assertThat(gap.forwarded()).containsExactly("CreatePatchBaseline", "CreatePatchBaseline");
        assertThat(gap.served()).containsExactly("GetPatchBaseline", "GetPatchBaseline", "ListTagsForResource",
                "AddTagsToResource", "RemoveTagsFromResource", "ListTagsForResource", "GetPatchBaseline");
    }

    @Test
    void motoItself_answersHttp500ForEachOperationTheGapServerServesBecauseMotoLacksIt() throws Exception {
        Map<String, Consumer<SsmClient>> lacking = new LinkedHashMap<>();
        lacking.put("GetPatchBaseline", c -> c.getPatchBaseline(r -> r.baselineId(UNKNOWN_BASELINE)));
        lacking.put("UpdatePatchBaseline", c -> c.updatePatchBaseline(r -> r.baselineId(UNKNOWN_BASELINE).name("renamed")));
        lacking.put("RegisterDefaultPatchBaseline", c -> c.registerDefaultPatchBaseline(r -> r.baselineId(UNKNOWN_BASELINE)));
        lacking.put("GetDefaultPatchBaseline", c -> c.getDefaultPatchBaseline(r -> r.operatingSystem(OperatingSystem.WINDOWS)));
        lacking.put("DescribePatchGroups", c -> c.describePatchGroups(r -> { }));
        lacking.put("DescribeInstanceInformation", c -> c.describeInstanceInformation(r -> { }));
        lacking.put("DescribeInstancePatchStates", c -> c.describeInstancePatchStates(r -> r.instanceIds(instance(1))));
        lacking.put("DescribeInstancePatchStatesForPatchGroup",
                c -> c.describeInstancePatchStatesForPatchGroup(r -> r.patchGroup("web")));
        lacking.put("ListCommandInvocations", c -> c.listCommandInvocations(r -> { }));
        assertThat(lacking.keySet()).allMatch(SsmGapServer.SERVED_OPERATIONS::containsKey);

        try (SsmClient direct = client(moto.endpoint())) {
            lacking.forEach((operation, call) -> assertThatThrownBy(() -> call.accept(direct)).as(operation)
                    .isInstanceOfSatisfying(SsmException.class, e -> assertThat(e.statusCode()).isEqualTo(500)));
        }
        HttpResponse<String> html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(moto.endpoint())
                .header("Authorization", UNSIGNED)
                .header("X-Amz-Target", "AmazonSSM.GetPatchBaseline")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"BaselineId\":\"" + UNKNOWN_BASELINE + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(500);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));

        // the same calls through the gap server are answered in the model's shapes
        lacking.forEach((operation, call) -> {
            try {
                call.accept(ssm);
            } catch (DoesNotExistException expected) {
                // the unknown baseline: a modeled error, parsed as its own type
            }
        });
        assertThat(gap.served()).containsExactlyElementsOf(lacking.keySet());
        assertThat(gap.forwarded()).isEmpty();
    }

    @Test
    void moto_keepsAGroupItDeregistered_refusesAGroupASecondOperatingSystem_andCannotTagBaselinesOrNodes() {
        try (SsmClient direct = client(moto.endpoint())) {
            String linux = direct.createPatchBaseline(r -> r.name("linux").operatingSystem(OperatingSystem.AMAZON_LINUX_2)).baselineId();
            String windows = direct.createPatchBaseline(r -> r.name("windows").operatingSystem(OperatingSystem.WINDOWS)).baselineId();
            direct.registerPatchBaselineForPatchGroup(r -> r.baselineId(linux).patchGroup("web"));

            assertThatThrownBy(() -> direct.registerPatchBaselineForPatchGroup(r -> r.baselineId(windows).patchGroup("web")))
                    .isInstanceOf(AlreadyExistsException.class);
            direct.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(linux).patchGroup("web"));
            assertThat(direct.getPatchBaselineForPatchGroup(r -> r.patchGroup("web").operatingSystem(OperatingSystem.AMAZON_LINUX_2))
                    .baselineId()).as("moto still maps the group to the baseline it deregistered").isEqualTo(linux);
            assertThatThrownBy(() -> direct.addTagsToResource(r -> r.resourceType("PatchBaseline").resourceId(linux)
                    .tags(Tag.builder().key("owner").value("platform").build())))
                    .as("moto's resource check knows no baselines").isInstanceOf(InvalidResourceIdException.class);
            assertThatThrownBy(() -> direct.listTagsForResource(r -> r.resourceType("ManagedInstance").resourceId(HYBRID_NODE)))
                    .as("nor managed nodes").isInstanceOf(InvalidResourceIdException.class);
        }
        assertThat(SsmGapServer.WATCHED_OPERATIONS).containsKeys("AddTagsToResource", "ListTagsForResource");
        assertThat(SsmGapServer.SERVED_OPERATIONS).containsKeys("RegisterPatchBaselineForPatchGroup",
                "DeregisterPatchBaselineForPatchGroup", "GetPatchBaselineForPatchGroup");
    }

    @Test
    void updatePatchBaseline_isSeenByGetPatchBaselineAndByDescribePatchBaselines() {
        String id = ssm.createPatchBaseline(r -> r.name("web-linux").operatingSystem(OperatingSystem.AMAZON_LINUX_2)
                .description("before").approvalRules(g -> g.patchRules(rule(7, PatchFilterKey.SEVERITY, "Critical")))).baselineId();

        UpdatePatchBaselineResponse updated = ssm.updatePatchBaseline(r -> r.baselineId(id).name("web-linux-v2")
                .description("after").rejectedPatches("telnet").rejectedPatchesAction(PatchAction.BLOCK));

        assertThat(updated.name()).isEqualTo("web-linux-v2");
        assertThat(updated.description()).isEqualTo("after");
        assertThat(updated.operatingSystem()).isEqualTo(OperatingSystem.AMAZON_LINUX_2);
        assertThat(updated.approvalRules().patchRules()).as("left out: unchanged").hasSize(1);
        assertThat(updated.modifiedDate()).isAfterOrEqualTo(updated.createdDate());
        GetPatchBaselineResponse got = ssm.getPatchBaseline(r -> r.baselineId(id));
        assertThat(got.name()).isEqualTo("web-linux-v2");
        assertThat(got.rejectedPatches()).containsExactly("telnet");
        assertThat(got.rejectedPatchesAction()).isEqualTo(PatchAction.BLOCK);
        assertThat(got.approvalRules().patchRules().getFirst().approveAfterDays()).isEqualTo(7);

        assertThat(ssm.describePatchBaselines(r -> { }).baselineIdentities()).singleElement().satisfies(identity -> {
            assertThat(identity.baselineId()).isEqualTo(id);
            assertThat(identity.baselineName()).isEqualTo("web-linux-v2");
            assertThat(identity.baselineDescription()).isEqualTo("after");
            assertThat(identity.operatingSystem()).isEqualTo(OperatingSystem.AMAZON_LINUX_2);
            assertThat(identity.defaultBaseline()).isFalse();
        });
        // NAME_PREFIX is a prefix of the current name (moto compares exact, old names)
        assertThat(describeBaselines("NAME_PREFIX", "web-linux-v")).extracting(PatchBaselineIdentity::baselineId).containsExactly(id);
        assertThat(describeBaselines("NAME_PREFIX", "web-linux")).extracting(PatchBaselineIdentity::baselineId).containsExactly(id);
        assertThat(describeBaselines("OPERATING_SYSTEM", "WINDOWS")).isEmpty();
        assertThat(describeBaselines("OWNER", "AWS")).as("moto lists no AWS-owned baselines").isEmpty();

        UpdatePatchBaselineResponse replaced = ssm.updatePatchBaseline(r -> r.baselineId(id).name("web-linux-v3").replace(true));
        assertThat(replaced.description()).as("Replace: left out is unset").isNull();
        assertThat(replaced.approvalRules().patchRules()).isEmpty();
        assertThat(replaced.rejectedPatches()).isEmpty();
        assertThat(replaced.rejectedPatchesAction()).isEqualTo(PatchAction.ALLOW_AS_DEPENDENCY);
        assertThat(replaced.operatingSystem()).isEqualTo(OperatingSystem.AMAZON_LINUX_2);
        assertThatThrownBy(() -> ssm.updatePatchBaseline(r -> r.baselineId(id).replace(true)))
                .as("Replace needs what create needs").isInstanceOf(ValidationException.class).hasMessageContaining("'name'");

        assertThat(gap.forwarded()).containsExactly("CreatePatchBaseline", "DescribePatchBaselines", "DescribePatchBaselines",
                "DescribePatchBaselines", "DescribePatchBaselines", "DescribePatchBaselines");
        assertThat(gap.served()).containsExactly("UpdatePatchBaseline", "GetPatchBaseline", "UpdatePatchBaseline",
                "UpdatePatchBaseline");
    }

    @Test
    void patchGroups_registerDescribeInPagesAndDeregister() {
        String linux = baseline("linux", OperatingSystem.AMAZON_LINUX_2);
        String windows = baseline("windows", OperatingSystem.WINDOWS);
        for (String group : List.of("web", "db", "batch")) {
            assertThat(ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(linux).patchGroup(group)).patchGroup()).isEqualTo(group);
        }

        DescribePatchGroupsResponse first = ssm.describePatchGroups(r -> r.maxResults(1));
        DescribePatchGroupsResponse second = ssm.describePatchGroups(r -> r.maxResults(1).nextToken(first.nextToken()));
        DescribePatchGroupsResponse third = ssm.describePatchGroups(r -> r.maxResults(1).nextToken(second.nextToken()));
        assertThat(List.of(first, second, third)).extracting(p -> p.mappings().getFirst().patchGroup())
                .containsExactly("batch", "db", "web");
        assertThat(first.nextToken()).isNotBlank();
        assertThat(third.nextToken()).isNull();
        assertThat(ssm.describePatchGroupsPaginator(r -> r.maxResults(1)).mappings())
                .extracting(PatchGroupPatchBaselineMapping::patchGroup).containsExactly("batch", "db", "web");
        assertThat(first.mappings().getFirst().baselineIdentity()).satisfies(identity -> {
            assertThat(identity.baselineId()).isEqualTo(linux);
            assertThat(identity.baselineName()).isEqualTo("linux");
            assertThat(identity.operatingSystem()).isEqualTo(OperatingSystem.AMAZON_LINUX_2);
            assertThat(identity.defaultBaseline()).isFalse();
        });

        // a group holds one baseline per operating system
        ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(windows).patchGroup("web"));
        assertThat(groupBaseline("web", OperatingSystem.WINDOWS)).isEqualTo(windows);
        assertThat(groupBaseline("web", OperatingSystem.AMAZON_LINUX_2)).isEqualTo(linux);
        String otherLinux = baseline("other-linux", OperatingSystem.AMAZON_LINUX_2);
        assertThatThrownBy(() -> ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(otherLinux).patchGroup("web")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(ssm.getPatchBaseline(r -> r.baselineId(linux)).patchGroups()).containsExactly("batch", "db", "web");
        assertThat(describeGroups("OPERATING_SYSTEM", "WINDOWS")).extracting(m -> m.baselineIdentity().baselineId()).containsExactly(windows);
        assertThat(describeGroups("NAME_PREFIX", "we")).extracting(PatchGroupPatchBaselineMapping::patchGroup).containsExactly("web", "web");

        assertThat(ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(linux).patchGroup("db")).patchGroup()).isEqualTo("db");
        assertThat(ssm.describePatchGroups(r -> { }).mappings())
                .extracting(PatchGroupPatchBaselineMapping::patchGroup).containsExactly("batch", "web", "web");
        assertThat(ssm.getPatchBaseline(r -> r.baselineId(linux)).patchGroups()).containsExactly("batch", "web");
        assertThat(groupBaseline("db", OperatingSystem.AMAZON_LINUX_2)).as("back to the default").matches(AWS_BASELINE_ARN);
        assertThatThrownBy(() -> ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(linux).patchGroup("db")))
                .as("already deregistered").isInstanceOf(DoesNotExistException.class);
        assertThatThrownBy(() -> ssm.deletePatchBaseline(r -> r.baselineId(linux)))
                .as("registered with groups").isInstanceOf(ResourceInUseException.class);

        assertThat(gap.forwarded()).containsOnly("CreatePatchBaseline");
        assertThat(gap.served()).contains("RegisterPatchBaselineForPatchGroup", "DescribePatchGroups",
                "GetPatchBaselineForPatchGroup", "DeregisterPatchBaselineForPatchGroup", "DeletePatchBaseline");
    }

    @Test
    void defaultBaseline_isAwsOwnPerOperatingSystem_untilOneIsRegistered() {
        String awsLinux = ssm.getDefaultPatchBaseline(r -> r.operatingSystem(OperatingSystem.AMAZON_LINUX_2)).baselineId();
        var awsWindows = ssm.getDefaultPatchBaseline(r -> { });
        assertThat(awsLinux).matches(AWS_BASELINE_ARN);
        assertThat(awsWindows.operatingSystem()).as("WINDOWS when not given").isEqualTo(OperatingSystem.WINDOWS);
        assertThat(awsWindows.baselineId()).matches(AWS_BASELINE_ARN).isNotEqualTo(awsLinux);

        String golden = baseline("golden-linux", OperatingSystem.AMAZON_LINUX_2);
        assertThat(ssm.registerDefaultPatchBaseline(r -> r.baselineId(golden)).baselineId()).isEqualTo(golden);

        assertThat(ssm.getDefaultPatchBaseline(r -> r.operatingSystem(OperatingSystem.AMAZON_LINUX_2)).baselineId()).isEqualTo(golden);
        assertThat(ssm.getDefaultPatchBaseline(r -> r.operatingSystem(OperatingSystem.WINDOWS)).baselineId())
                .isEqualTo(awsWindows.baselineId());
        assertThat(groupBaseline("never-registered", OperatingSystem.AMAZON_LINUX_2)).isEqualTo(golden);
        assertThat(ssm.describePatchBaselines(r -> { }).baselineIdentities()).singleElement()
                .satisfies(identity -> assertThat(identity.defaultBaseline()).isTrue());
        assertThatThrownBy(() -> ssm.deletePatchBaseline(r -> r.baselineId(golden)))
                .as("the default").isInstanceOf(ResourceInUseException.class);

        ssm.registerDefaultPatchBaseline(r -> r.baselineId(awsLinux)); // AWS's way back: its baseline's ARN
        assertThat(ssm.getDefaultPatchBaseline(r -> r.operatingSystem(OperatingSystem.AMAZON_LINUX_2)).baselineId()).isEqualTo(awsLinux);
        assertThat(ssm.deletePatchBaseline(r -> r.baselineId(golden)).baselineId()).isEqualTo(golden);
        assertThat(ssm.describePatchBaselines(r -> { }).baselineIdentities()).isEmpty();
        assertThatThrownBy(() -> ssm.getPatchBaseline(r -> r.baselineId(golden))).isInstanceOf(DoesNotExistException.class);

        assertThat(gap.forwarded()).containsExactly("CreatePatchBaseline", "DescribePatchBaselines", "DeletePatchBaseline",
                "DescribePatchBaselines");
        assertThat(gap.served()).containsExactly("GetDefaultPatchBaseline", "GetDefaultPatchBaseline",
                "RegisterDefaultPatchBaseline", "GetDefaultPatchBaseline", "GetDefaultPatchBaseline",
                "GetPatchBaselineForPatchGroup", "DeletePatchBaseline", "RegisterDefaultPatchBaseline",
                "GetDefaultPatchBaseline", "GetPatchBaseline");
    }

    @Test
    void instanceInformation_ofTheNodesTheTestManages_filteredAndPaged() {
        for (int n = 1; n <= 4; n++) {
            gap.manage(instance(n), "Linux", "Amazon Linux");
        }
        gap.manage(instance(5), "Windows", "Microsoft Windows Server 2022 Datacenter");
        gap.manage(instance(6), "Windows", "Microsoft Windows Server 2022 Datacenter");
        gap.manage(instance(7), "Linux", "Ubuntu", "ConnectionLost");

        DescribeInstanceInformationResponse first = ssm.describeInstanceInformation(r -> r.maxResults(5));
        DescribeInstanceInformationResponse second = ssm.describeInstanceInformation(r -> r.maxResults(5).nextToken(first.nextToken()));
        assertThat(first.instanceInformationList()).hasSize(5);
        assertThat(second.instanceInformationList()).extracting(InstanceInformation::instanceId).containsExactly(instance(6), instance(7));
        assertThat(second.nextToken()).isNull();
        assertThat(ssm.describeInstanceInformationPaginator(r -> r.maxResults(5)).instanceInformationList())
                .extracting(InstanceInformation::instanceId)
                .containsExactly(instance(1), instance(2), instance(3), instance(4), instance(5), instance(6), instance(7));
        assertThat(first.instanceInformationList().getFirst()).satisfies(info -> {
            assertThat(info.pingStatus()).isEqualTo(PingStatus.ONLINE);
            assertThat(info.platformType()).isEqualTo(PlatformType.LINUX);
            assertThat(info.platformName()).isEqualTo("Amazon Linux");
            assertThat(info.resourceType()).isEqualTo(ResourceType.EC2_INSTANCE);
            assertThat(info.lastPingDateTime()).isNotNull();
            assertThat(info.agentVersion()).isNotBlank();
        });

        assertThat(ssm.describeInstanceInformation(r -> r.filters(InstanceInformationStringFilter.builder()
                .key("InstanceIds").values(instance(2), instance(5)).build())).instanceInformationList())
                .extracting(InstanceInformation::instanceId).containsExactly(instance(2), instance(5));
        assertThat(ssm.describeInstanceInformation(r -> r.instanceInformationFilterList(InstanceInformationFilter.builder()
                .key(InstanceInformationFilterKey.PLATFORM_TYPES).valueSet("Windows").build())).instanceInformationList())
                .extracting(InstanceInformation::instanceId).containsExactly(instance(5), instance(6));
        assertThat(ssm.describeInstanceInformation(r -> r.filters(InstanceInformationStringFilter.builder()
                .key("PingStatus").values("ConnectionLost").build())).instanceInformationList())
                .extracting(InstanceInformation::instanceId).containsExactly(instance(7));
        // a hybrid node's tags are SSM's: set through the API, read by ListTagsForResource and the tag: filters
        gap.manage(HYBRID_NODE, "Linux", "Ubuntu");
        ssm.addTagsToResource(r -> r.resourceType("ManagedInstance").resourceId(HYBRID_NODE)
                .tags(Tag.builder().key("Patch Group").value("web").build()));
        assertThat(ssm.listTagsForResource(r -> r.resourceType("ManagedInstance").resourceId(HYBRID_NODE)).tagList())
                .extracting(Tag::key, Tag::value).containsExactly(tuple("Patch Group", "web"));
        DescribeInstanceInformationResponse tagged = ssm.describeInstanceInformation(r -> r.filters(
                InstanceInformationStringFilter.builder().key("tag:Patch Group").values("web").build()));
        assertThat(tagged.instanceInformationList()).singleElement().satisfies(info -> {
            assertThat(info.instanceId()).isEqualTo(HYBRID_NODE);
            assertThat(info.resourceType()).isEqualTo(ResourceType.MANAGED_INSTANCE);
        });
        assertThatThrownBy(() -> ssm.describeInstanceInformation(r -> r.maxResults(2)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxResults");
        assertThatThrownBy(() -> ssm.describeInstanceInformation(r -> r.nextToken("not-a-token")))
                .isInstanceOf(InvalidNextTokenException.class);

        assertThat(gap.forwarded()).isEmpty();
        assertThat(gap.served()).containsOnly("DescribeInstanceInformation", "AddTagsToResource", "ListTagsForResource");
    }

    @Test
    void patchStates_ofAPatchGroup_filteredByCounters_andPaged() {
        String baseline = baseline("web-linux", OperatingSystem.AMAZON_LINUX_2);
        Instant scanned = Instant.parse("2026-11-29T03:00:00.250Z");
        for (int n = 1; n <= 12; n++) {
            int missing = n % 3 == 0 ? 2 : 0;
            gap.patchState(instance(n), "web", baseline, SsmPatchState.Counts.none().withInstalled(10).withMissing(missing),
                    "Scan", scanned);
        }
        gap.patchState(instance(13), "db", baseline, SsmPatchState.Counts.none().withInstalled(3).withFailed(1), "Install", scanned);

        DescribeInstancePatchStatesForPatchGroupResponse first =
                ssm.describeInstancePatchStatesForPatchGroup(r -> r.patchGroup("web").maxResults(10));
        DescribeInstancePatchStatesForPatchGroupResponse second =
                ssm.describeInstancePatchStatesForPatchGroup(r -> r.patchGroup("web").maxResults(10).nextToken(first.nextToken()));
        assertThat(first.instancePatchStates()).hasSize(10);
        assertThat(second.instancePatchStates()).extracting(InstancePatchState::instanceId).containsExactly(instance(11), instance(12));
        assertThat(second.nextToken()).isNull();

        List<InstancePatchState> missing = ssm.describeInstancePatchStatesForPatchGroup(r -> r.patchGroup("web")
                .filters(InstancePatchStateFilter.builder().key("MissingCount").values("0")
                        .type(InstancePatchStateOperatorType.GREATER_THAN).build())).instancePatchStates();
        assertThat(missing).extracting(InstancePatchState::instanceId)
                .containsExactly(instance(3), instance(6), instance(9), instance(12));
        assertThat(missing.getFirst()).satisfies(state -> {
            assertThat(state.patchGroup()).isEqualTo("web");
            assertThat(state.baselineId()).isEqualTo(baseline);
            assertThat(state.installedCount()).isEqualTo(10);
            assertThat(state.missingCount()).isEqualTo(2);
            assertThat(state.failedCount()).isZero();
            assertThat(state.criticalNonCompliantCount()).isZero();
            assertThat(state.operation()).isEqualTo(PatchOperationType.SCAN);
            assertThat(state.operationEndTime()).isEqualTo(scanned);
            assertThat(state.rebootOption()).isEqualTo(RebootOption.REBOOT_IF_NEEDED);
        });

        List<InstancePatchState> named = ssm.describeInstancePatchStates(r -> r.instanceIds(instance(13), instance(99), instance(1)))
                .instancePatchStates();
        assertThat(named).extracting(InstancePatchState::instanceId).as("in the order named; none for a node without a state")
                .containsExactly(instance(13), instance(1));
        assertThat(named.getFirst().operation()).isEqualTo(PatchOperationType.INSTALL);
        assertThat(named.getFirst().failedCount()).isEqualTo(1);

        assertThatThrownBy(() -> ssm.describeInstancePatchStatesForPatchGroup(r -> r.patchGroup("web")
                .filters(InstancePatchStateFilter.builder().key("Colour").values("1").type(InstancePatchStateOperatorType.EQUAL).build())))
                .isInstanceOf(InvalidFilterException.class);
        assertThat(gap.forwarded()).containsExactly("CreatePatchBaseline");
        assertThat(gap.served()).containsOnly("DescribeInstancePatchStatesForPatchGroup", "DescribeInstancePatchStates");
    }

    @Test
    void sendCommandIsForwarded_andListCommandInvocationsIsServed_forTheCommandsMotoAccepted() {
        String a = instance(1);
        String b = instance(2);
        gap.manage(a, "Linux", "Amazon Linux");
        gap.manage(b, "Windows", "Microsoft Windows Server 2022 Datacenter");

        var scan = ssm.sendCommand(r -> r.documentName("AWS-RunPatchBaseline").instanceIds(a, b)
                .parameters(Map.of("Operation", List.of("Scan")))).command();
        List<CommandInvocation> invocations = ssm.listCommandInvocations(r -> r.commandId(scan.commandId())).commandInvocations();

        assertThat(invocations).extracting(CommandInvocation::instanceId).containsExactlyInAnyOrder(a, b);
        assertThat(invocations).allSatisfy(invocation -> {
            assertThat(invocation.commandId()).isEqualTo(scan.commandId());
            assertThat(invocation.documentName()).isEqualTo("AWS-RunPatchBaseline");
            assertThat(invocation.status()).isEqualTo(CommandInvocationStatus.SUCCESS);
            assertThat(invocation.requestedDateTime()).isEqualTo(scan.requestedDateTime());
            assertThat(invocation.commandPlugins()).isEmpty();
        });
        String plugin = ssm.getCommandInvocation(r -> r.commandId(scan.commandId()).instanceId(a)).pluginName();
        assertThat(ssm.listCommandInvocations(r -> r.commandId(scan.commandId()).details(true)).commandInvocations())
                .allSatisfy(invocation -> assertThat(invocation.commandPlugins()).singleElement()
                        .satisfies(p -> assertThat(p.name()).as("as moto's GetCommandInvocation says").isEqualTo(plugin)));

        var install = ssm.sendCommand(r -> r.documentName("AWS-RunPatchBaseline").instanceIds(a)
                .parameters(Map.of("Operation", List.of("Install")))).command();
        assertThat(ssm.listCommandInvocations(r -> r.instanceId(a)).commandInvocations())
                .extracting(CommandInvocation::commandId).as("newest first").containsExactly(install.commandId(), scan.commandId());
        List<CommandInvocation> paged = new ArrayList<>();
        ssm.listCommandInvocationsPaginator(r -> r.maxResults(1)).commandInvocations().forEach(paged::add);
        assertThat(paged).hasSize(3);
        assertThatThrownBy(() -> ssm.listCommandInvocations(r -> r.commandId("00000000-0000-0000-0000-000000000000")))
                .isInstanceOf(InvalidCommandIdException.class);

        assertThat(gap.forwarded()).containsExactly("SendCommand", "GetCommandInvocation", "SendCommand");
        assertThat(gap.served()).containsOnly("ListCommandInvocations");
    }

    @Test
    void aMissingBaseline_isADoesNotExistException_asTheSdkParsesIt() {
        assertThatThrownBy(() -> ssm.getPatchBaseline(r -> r.baselineId(UNKNOWN_BASELINE)))
                .isInstanceOfSatisfying(DoesNotExistException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DoesNotExistException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(UNKNOWN_BASELINE);
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> ssm.updatePatchBaseline(r -> r.baselineId(UNKNOWN_BASELINE).name("renamed")))
                .isInstanceOf(DoesNotExistException.class);
        assertThatThrownBy(() -> ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(UNKNOWN_BASELINE).patchGroup("web")))
                .isInstanceOf(DoesNotExistException.class);
        assertThatThrownBy(() -> ssm.registerDefaultPatchBaseline(r -> r.baselineId(UNKNOWN_BASELINE)))
                .isInstanceOf(DoesNotExistException.class);
        assertThatThrownBy(() -> ssm.getPatchBaseline(r -> r.baselineId("pb-short")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("baselineId");
        assertThat(ssm.deletePatchBaseline(r -> r.baselineId(UNKNOWN_BASELINE)).baselineId())
                .as("the model gives delete no not-found error").isEqualTo(UNKNOWN_BASELINE);
        assertThatThrownBy(() -> ssm.createPatchBaseline(r -> r.name("x")))
                .as("moto would store it").isInstanceOf(ValidationException.class).hasMessageContaining("'name'");

        assertThat(gap.forwarded()).isEmpty();
        assertThat(gap.served()).containsExactly("GetPatchBaseline", "UpdatePatchBaseline", "RegisterPatchBaselineForPatchGroup",
                "RegisterDefaultPatchBaseline", "GetPatchBaseline", "DeletePatchBaseline", "CreatePatchBaseline");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static SsmClient client(URI endpoint) {
        return SsmClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                // moto answers what it lacks with HTTP 500, which the SDK would retry: one attempt says it at once
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private String baseline(String name, OperatingSystem os) {
        return ssm.createPatchBaseline(r -> r.name(name).operatingSystem(os)).baselineId();
    }

    private String groupBaseline(String group, OperatingSystem os) {
        return ssm.getPatchBaselineForPatchGroup(r -> r.patchGroup(group).operatingSystem(os)).baselineId();
    }

    private List<PatchBaselineIdentity> describeBaselines(String key, String value) {
        return ssm.describePatchBaselines(r -> r.filters(PatchOrchestratorFilter.builder().key(key).values(value).build()))
                .baselineIdentities();
    }

    private List<PatchGroupPatchBaselineMapping> describeGroups(String key, String value) {
        return ssm.describePatchGroups(r -> r.filters(PatchOrchestratorFilter.builder().key(key).values(value).build())).mappings();
    }

    private static PatchRule rule(int approveAfterDays, PatchFilterKey key, String value) {
        return PatchRule.builder().approveAfterDays(approveAfterDays)
                .patchFilterGroup(g -> g.patchFilters(PatchFilter.builder().key(key).values(value).build())).build();
    }

    /** An EC2 instance id, {@code i-} and 17 hex digits. */
    private static String instance(int n) {
        return String.format("i-%017x", n);
    }

    /** One AWS JSON 1.1 call as the wire carries it, with a credential scope but no valid signature. */
    private static JsonNode rawPost(URI endpoint, String operation, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", UNSIGNED)
                .header("X-Amz-Target", "AmazonSSM." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        return new ObjectMapper().readTree(response.body());
    }
}
