package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.contract.DiskEstate;
import dev.cloudwarden.api.contract.SnapshotOpsContract;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SnapshotEstate.SnapshotView;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SnapshotOpsContract} against moto server, through the real SDK clients. The provider reaches moto through a
 * WireMock proxy, which loses the answers the contract asks it to lose ({@link MotoLostAnswersTest.LoseTheAnswer}):
 * after moto has acted, as a network fault after the fact does. What-is-there is read from moto directly.
 */
@ExtendWith(MotoExtension.class)
class MotoSnapshotOpsTest extends SnapshotOpsContract {
    private final MotoServer moto;
    private Ec2Disks disks;

    MotoSnapshotOpsTest(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    protected DiskEstate createEstate() {
        disks = new Ec2Disks(moto.endpoint());
        return disks;
    }

    @Override
    protected CloudProvider createProvider() {
        return Providers.find(CloudId.AWS).create(ProviderConfig.of(SnapshotEstate.REGION).withEndpoint(disks.proxyEndpoint()));
    }

    /** {@link DiskEstate} in EC2's terms: EBS volumes, instances and snapshots in two regions, seeded by {@link SnapshotEstate}. */
    private static final class Ec2Disks implements DiskEstate {
        private final URI moto;
        private final SnapshotEstate ec2;
        private final WireMockServer proxy;

        Ec2Disks(URI moto) {
            this.moto = moto;
            this.ec2 = new SnapshotEstate(moto);
            this.proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                    .extensions(new MotoLostAnswersTest.LoseTheAnswer()));
            proxy.start();
            proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
        }

        URI proxyEndpoint() {
            return URI.create(proxy.baseUrl());
        }

        @Override
        public String otherRegion() {
            return SnapshotEstate.DR_REGION;
        }

        @Override
        public String disk(Map<String, String> tags) {
            return ec2.volume(tags);
        }

        @Override
        public SeededInstance instance(Map<String, String> tags, int dataDisks) {
            SnapshotEstate.SeededInstance seeded = ec2.instance(tags, Collections.nCopies(dataDisks, Map.of()));
            return new SeededInstance(seeded.instanceId(), seeded.rootVolumeId(), seeded.dataVolumeIds());
        }

        @Override
        public void deleteDisk(String diskId) {
            ec2.ec2(SnapshotEstate.REGION).deleteVolume(r -> r.volumeId(diskId));
        }

        @Override
        public String snapshot(String region, Map<String, String> tags, String description) {
            return ec2.snapshot(region, ec2.volume(region, Map.of()), tags, description);
        }

        @Override
        public void deleteSnapshot(String region, String snapshotId) {
            ec2.deleteSnapshot(region, snapshotId);
        }

        @Override
        public Set<String> snapshotIds(String region) {
            return ec2.snapshots(region).stream().map(SnapshotView::id).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public Map<String, String> tagsOf(String region, String snapshotId) {
            return ec2.tagsOf(region, snapshotId);
        }

        /** Every request of that action, resends included, reaches moto and loses its answer. */
        @Override
        public void loseAnswersTo(SnapshotWrite write) {
            String action = switch (write) {
                case CREATE_SNAPSHOT -> "CreateSnapshot";
                case CREATE_SNAPSHOT_SET -> "CreateSnapshots";
                case COPY_SNAPSHOT -> "CopySnapshot";
            };
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=" + action + "&"))
                    .willReturn(aResponse().proxiedFrom(moto.toString()).withTransformers(MotoLostAnswersTest.LoseTheAnswer.NAME)));
        }

        @Override
        public void close() {
            proxy.stop();
            ec2.close();
        }
    }
}
