package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.contract.PatchEstate;
import dev.cloudwarden.api.contract.PatchComplianceContract;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.emulator.SsmGapServer;
import dev.cloudwarden.emulator.SsmPatchState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@link PatchComplianceContract} against moto server behind the {@link SsmGapServer}, which answers the Patch Manager
 * operations moto lacks (DescribeInstanceInformation, DescribeInstancePatchStatesForPatchGroup) and sends the rest on to
 * moto: EC2 instances with their tags, SendCommand. The machines are EC2 instances the gap server is told SSM manages;
 * the scans started are read back with a plain SSM client's ListCommands.
 */
@ExtendWith(MotoExtension.class)
class MotoPatchComplianceTest extends PatchComplianceContract {
    private final MotoServer moto;
    private SsmPatching patching;

    MotoPatchComplianceTest(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    protected PatchEstate createEstate() {
        patching = new SsmPatching(moto);
        return patching;
    }

    @Override
    protected CloudProvider createProvider() {
        return Providers.find(CloudId.AWS).create(ProviderConfig.of(ResourceEstate.REGION).withEndpoint(patching.gap.endpoint()));
    }

    /** {@link PatchEstate} in SSM's terms: managed EC2 instances, their patch states, AWS-RunPatchBaseline commands. */
    private static final class SsmPatching implements PatchEstate {
        private static final String RUN_PATCH_BASELINE = "AWS-RunPatchBaseline";
        /** The baseline a seeded patch state says it was measured against; the contract does not look at it. */
        private static final String MEASURED_BY = "pb-0d3c5a6b1e2f40789";

        private final SsmGapServer gap;
        private final ResourceEstate ec2;
        private final SsmClient ssm;

        SsmPatching(MotoServer moto) {
            this.gap = SsmGapServer.start(moto);
            gap.reset(); // moto was reset by MotoExtension: the two states go together
            this.ec2 = new ResourceEstate(moto.endpoint());
            this.ssm = SsmClient.builder()
                    .region(Region.of(ResourceEstate.REGION))
                    .endpointOverride(gap.endpoint())
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
        }

        @Override
        public String managedMachine(Platform platform, Map<String, String> tags, boolean agentOnline) {
            String id = ec2.instance(tags);
            if (platform == Platform.LINUX) {
                gap.manage(id, "Linux", "Amazon Linux", agentOnline ? "Online" : "ConnectionLost");
            } else {
                gap.manage(id, "Windows", "Microsoft Windows Server 2022 Datacenter", agentOnline ? "Online" : "ConnectionLost");
            }
            return id;
        }

        @Override
        public String unmanagedMachine() {
            return ec2.instance(Map.of());
        }

        @Override
        public void assessed(String machineId, String group, Assessment assessment) {
            gap.patchState(machineId, group, MEASURED_BY, SsmPatchState.Counts.none()
                    .withInstalled(assessment.installed()).withMissing(assessment.missing()).withFailed(assessment.failed())
                    .withCriticalNonCompliant(assessment.criticalMissing())
                    .withSecurityNonCompliant(assessment.securityMissing()), "Scan", assessment.finishedAt());
        }

        /** The AWS-RunPatchBaseline commands moto accepted; one installs unless its Operation is Scan alone. */
        @Override
        public List<StartedScan> scans() {
            return ssm.listCommandsPaginator(r -> { }).commands().stream()
                    .filter(command -> command.documentName().equals(RUN_PATCH_BASELINE))
                    .map(command -> new StartedScan(command.commandId(), new HashSet<>(command.instanceIds()),
                            command.maxConcurrency(), command.maxErrors(),
                            !List.of("Scan").equals(command.parameters().get("Operation"))))
                    .toList();
        }

        @Override
        public void close() {
            ssm.close();
            ec2.close();
            gap.close();
        }
    }
}
