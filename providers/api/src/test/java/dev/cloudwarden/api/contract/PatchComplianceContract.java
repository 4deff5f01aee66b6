package dev.cloudwarden.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.PatchComplianceOps;
import dev.cloudwarden.api.PatchComplianceOps.ManagedInstance;
import dev.cloudwarden.api.PatchComplianceOps.PatchState;
import dev.cloudwarden.api.Rate;
import dev.cloudwarden.api.contract.PatchEstate.Assessment;
import dev.cloudwarden.api.contract.PatchEstate.Platform;
import dev.cloudwarden.api.contract.PatchEstate.StartedScan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link PatchComplianceOps} must do on every cloud: list the machines the patch service manages, report
 * each one's last assessment, and start an assessment of exactly the machines named, at the rate given, installing
 * nothing. A cloud's test extends it and says how to manage machines and record assessments there ({@link PatchEstate}).
 * Baselines and their registration are one cloud's notions and stay in its own tests.
 */
public abstract class PatchComplianceContract {
    private static final Instant ASSESSED = Instant.parse("2026-11-29T03:00:00Z");

    private PatchEstate estate;
    private CloudProvider provider;
    private PatchComplianceOps patches;

    /** The estate this test seeds; made before the provider, closed after it. */
    protected abstract PatchEstate createEstate();

    /** A provider of the estate's cloud and region, offering patches. */
    protected abstract CloudProvider createProvider();

    @BeforeEach
    final void connectPatchContract() {
        estate = createEstate();
        provider = createProvider();
        patches = provider.patchCompliance().orElseThrow(() -> new AssertionError(provider.cloud() + " offers no patch compliance"));
    }

    @AfterEach
    final void disconnectPatchContract() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    protected final PatchEstate estate() {
        return estate;
    }

    protected final CloudProvider provider() {
        return provider;
    }

    protected final PatchComplianceOps patches() {
        return patches;
    }

    @Test
    void managedInstances_listsEveryManagedMachine_withItsPlatformTagsAndAgent_andNoOther() {
        String web = estate.managedMachine(Platform.LINUX, Map.of("team", "web", "patch-group", "web"), true);
        String jump = estate.managedMachine(Platform.WINDOWS, Map.of(), false);
        String unmanaged = estate.unmanagedMachine();

        Map<String, ManagedInstance> managed = byId(patches.managedInstances(), ManagedInstance::id);

        assertThat(managed).containsOnlyKeys(web, jump).doesNotContainKey(unmanaged);
        assertThat(managed.get(web)).satisfies(machine -> {
            assertThat(machine.resource().cloud()).isEqualTo(provider.cloud());
            assertThat(machine.resource().tags().values()).containsAllEntriesOf(Map.of("team", "web", "patch-group", "web"));
            assertThat(machine.platform()).isEqualToIgnoringCase("linux");
            assertThat(machine.online()).isTrue();
        });
        assertThat(managed.get(jump)).satisfies(machine -> {
            assertThat(machine.platform()).isEqualToIgnoringCase("windows");
            assertThat(machine.online()).isFalse();
        });
    }

    @Test
    void patchStates_reportTheLastAssessmentOfEachMachineOfTheGroup_andNoOther() {
        String web1 = estate.managedMachine(Platform.LINUX, Map.of(), true);
        String web2 = estate.managedMachine(Platform.LINUX, Map.of(), true);
        String db = estate.managedMachine(Platform.LINUX, Map.of(), true);
        estate.assessed(web1, "web", new Assessment(ASSESSED, 12, 3, 1, 2, 3));
        estate.assessed(web2, "web", new Assessment(ASSESSED.plusSeconds(60), 15, 0, 0, 0, 0));
        estate.assessed(db, "db", new Assessment(ASSESSED, 4, 1, 0, 0, 1));

        Map<String, PatchState> web = byId(patches.patchStates("web"), PatchState::instanceId);

        assertThat(web).containsOnlyKeys(web1, web2);
        assertThat(web.get(web1)).satisfies(state -> {
            assertThat(state.patchGroup()).isEqualTo("web");
            assertThat(state.operationEnd()).isEqualTo(ASSESSED);
            assertThat(state.installed()).isEqualTo(12);
            assertThat(state.missing()).isEqualTo(3);
            assertThat(state.failed()).isEqualTo(1);
            assertThat(state.criticalNonCompliant()).isEqualTo(2);
            assertThat(state.securityNonCompliant()).isEqualTo(3);
        });
        assertThat(web.get(web2)).satisfies(state -> {
            assertThat(state.operationEnd()).isEqualTo(ASSESSED.plusSeconds(60));
            assertThat(state.missing()).isZero();
            assertThat(state.criticalNonCompliant()).isZero();
        });
        assertThat(patches.patchStates("nobody")).isEmpty();
    }

    @Test
    void startScan_assessesExactlyTheNamedMachines_atTheRateGiven_installingNothing() {
        String first = estate.managedMachine(Platform.LINUX, Map.of(), true);
        String second = estate.managedMachine(Platform.WINDOWS, Map.of(), true);
        estate.managedMachine(Platform.LINUX, Map.of(), true); // beyond the blast radius: not named

        String id = patches.startScan(List.of(first, second), rate("1"), rate("0"));

        assertThat(id).isNotBlank();
        assertThat(estate.scans()).containsExactly(new StartedScan(id, Set.of(first, second), "1", "0", false));
    }

    @Test
    void eachScanStartedIsAnOperationOfItsOwn() {
        String first = estate.managedMachine(Platform.LINUX, Map.of(), true);
        String second = estate.managedMachine(Platform.LINUX, Map.of(), true);

        String one = patches.startScan(List.of(first), rate("10%"), rate("1"));
        String two = patches.startScan(List.of(second), rate("10%"), rate("1"));

        assertThat(one).isNotEqualTo(two);
        assertThat(estate.scans()).containsExactlyInAnyOrder(new StartedScan(one, Set.of(first), "10%", "1", false),
                new StartedScan(two, Set.of(second), "10%", "1", false));
    }

    private static Rate rate(String text) {
        return Rate.parse(text).orElseThrow();
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        assertThat(items).extracting(id::apply).as("each listed once").doesNotHaveDuplicates();
        return items.stream().collect(Collectors.toMap(id, item -> item));
    }
}
