package dev.cloudwarden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudScopeTest {

    @Test
    void aRegionAloneNamesNoAccount_andACloudThatNeedsOneSaysSoInItsOwnWords() {
        CloudScope scope = CloudScope.region("westeurope");

        assertThat(scope.account()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> scope.requireAccount("subscription"))
                .withMessage("no subscription given: its credentials can reach more than one, so the subscription must be named");
    }

    @Test
    void anAccountResourceGroupsAndParentsAreKept_inTheirOrder() {
        CloudScope scope = CloudScope.account("my-project", "europe-west1").withParents(List.of("organizations/1", "folders/2"))
                .withResourceGroups(List.of("rg-web"));

        assertThat(scope.requireAccount("project")).isEqualTo("my-project");
        assertThat(scope.parents()).containsExactly("organizations/1", "folders/2");
        assertThat(scope.resourceGroups()).containsExactly("rg-web");
    }

    @Test
    void aBlankRegionOrAccountIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CloudScope.region(" ")).withMessage("region must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new CloudScope("us-east-1", Optional.of(""), List.of(), List.of()))
                .withMessage("account must not be blank when given");
    }

    @Test
    void theConfigsRegionIsItsScopes() {
        ProviderConfig config = ProviderConfig.of(CloudScope.account("00000000-0000-0000-0000-000000000000", "westeurope"));

        assertThat(config.region()).isEqualTo("westeurope");
        assertThat(config.forOperation("security-group-audit").scope()).isEqualTo(config.scope());
    }
}
