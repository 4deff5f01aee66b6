package dev.cloudwarden.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resource ids read apart, requests named by the ARM operation a role grants, and Azure's naming rules. */
class ArmNamesTest {

    @Test
    void aResourceIdReadsApart_whateverTheCaseOfItsSegmentNames() {
        ArmId rule = ArmId.parse("/subscriptions/s1/resourcegroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg/"
                + "securityRules/allow-ssh").orElseThrow();

        assertThat(rule.subscription()).isEqualTo("s1");
        assertThat(rule.resourceGroup()).isEqualTo("rg-web");
        assertThat(rule.types()).containsExactly("networkSecurityGroups", "securityRules");
        assertThat(rule.names()).containsExactly("nsg", "allow-ssh");
        assertThat(rule.isA("microsoft.network", "networkSecurityGroups", "securityRules")).isTrue();
        assertThat(rule.prefix(1)).isEqualTo("/subscriptions/s1/resourceGroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg");
        assertThat(ArmId.parse("/subscriptions/s1/resourceGroups/rg")).isEmpty();
        assertThat(ArmId.parse("nsg-web")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /subscriptions/s/providers/Microsoft.Network/networkSecurityGroups, Microsoft.Network/networkSecurityGroups/read",
            "DELETE, /subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkSecurityGroups/n/securityRules/r, "
                    + "Microsoft.Network/networkSecurityGroups/securityRules/delete",
            "PUT, /subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkSecurityGroups/n/securityRules/r, "
                    + "Microsoft.Network/networkSecurityGroups/securityRules/write",
            "GET, /subscriptions/s/providers/Microsoft.Network/locations/westeurope/operations/op-1, Microsoft.Network/locations/operations/read",
            "GET, /subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/a, "
                    + "Microsoft.Network/virtualNetworks/subnets/read"})
    void aRequestIsCountedUnderItsArmOperation(String method, String path, String operation) throws Exception {
        assertThat(ArmCalls.operation(method, URI.create("https://management.azure.com" + path + "?api-version=2024-05-01").toURL()))
                .isEqualTo(operation);
    }

    @Test
    void azureTagNamesAreCaseInsensitive_itsOwnPrefixesReserved_andItsLocationsLowercaseWords() {
        AzureNames names = AzureNames.INSTANCE;

        assertThat(names.caseInsensitiveKeys()).isTrue();
        assertThat(names.tagKeyProblem("Microsoft.Owner")).isPresent();
        assertThat(names.tagKeyProblem("cost/centre")).isPresent();
        assertThat(names.tagKeyProblem("cloudwarden:plan")).as("cloudwarden's bookkeeping keys are valid here").isEmpty();
        assertThat(names.regionProblem("westeurope")).isEmpty();
        assertThat(names.regionProblem("West Europe")).isPresent();
        assertThat(names.actingRole("0b5c6a4e-1a2b-4c3d-8e9f-001122334455")).contains("0b5c6a4e-1a2b-4c3d-8e9f-001122334455");
        assertThat(names.actingRole("alice@contoso.com")).as("a person acts as no role").isEmpty();
        assertThat(names.topicProblem("/subscriptions/s/resourceGroups/g/providers/Microsoft.EventGrid/topics/cloudwarden")).isEmpty();
        assertThat(List.of(names.instanceType())).containsExactly("Microsoft.Compute/virtualMachines");
    }
}
