package dev.cloudwarden.azureemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writing rules to seed, and what seeding refuses (as ARM would). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArmRuleTest {

    @Test
    void oneValueGoesToTheSingularMember_severalToThePluralOne() {
        ArmRule rule = ArmRule.inbound("web", 200).allow().protocol("Tcp").sources("Internet")
                .destinations("10.0.0.4", "10.0.0.5").ports("443").build();

        assertThat(rule.sourceAddressPrefix()).isEqualTo("Internet");
        assertThat(rule.sourceAddressPrefixes()).isEmpty();
        assertThat(rule.destinationAddressPrefix()).isNull();
        assertThat(rule.destinationAddressPrefixes()).containsExactly("10.0.0.4", "10.0.0.5");
        assertThat(rule.destinationPortRange()).isEqualTo("443");
        assertThat(rule.sourcePortRange()).isEqualTo("*");
        assertThat(rule.direction()).isEqualTo("Inbound");
    }

    @Test
    void theListFormsKeepOneValueInThePluralMember() {
        ArmRule rule = ArmRule.outbound("dns", 300).deny().protocol("Udp").sourceList("10.0.0.0/8")
                .destinationList("8.8.8.8").portList("53").description("no public DNS").build();

        assertThat(rule.sourceAddressPrefix()).isNull();
        assertThat(rule.sourceAddressPrefixes()).containsExactly("10.0.0.0/8");
        assertThat(rule.destinationAddressPrefixes()).containsExactly("8.8.8.8");
        assertThat(rule.destinationPortRange()).isNull();
        assertThat(rule.destinationPortRanges()).containsExactly("53");
        assertThat(rule.description()).isEqualTo("no public DNS");
        assertThat(rule.direction()).isEqualTo("Outbound");
        assertThat(rule.access()).isEqualTo("Deny");
    }

    @Test
    void aRuleNeedsItsAccessSaid() {
        assertThatThrownBy(() -> ArmRule.inbound("open", 100).protocol("Tcp").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("allow() or deny()");
    }

    @Test
    void aRuleGivesEachSideInExactlyOneForm() {
        assertThatThrownBy(() -> new ArmRule("both", "Inbound", 100, "Allow", "Tcp", "*", List.of("10.0.0.0/8"), List.of(),
                "*", List.of(), "*", List.of(), List.of(), "22", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source address");
    }

    @Test
    void seedingRefusesWhatArmRefuses_withArmsCode() {
        try (ArmServer arm = ArmServer.start()) {
            ArmRule ssh = ArmRule.inbound("ssh", 100).allow().protocol("Tcp").ports("22").build();

            assertThatThrownBy(() -> arm.putNsg("rg1", "low", "westus", ssh.withPriority(99)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SecurityRuleInvalidPriority");
            assertThatThrownBy(() -> arm.putNsg("rg1", "icmpv6", "westus",
                    ArmRule.inbound("ping", 200).allow().protocol("IcmpV6").build()))
                    .hasMessageContaining("SecurityRuleInvalidProtocol");
            assertThatThrownBy(() -> arm.putNsg("rg1", "twice", "westus", ssh,
                    ArmRule.inbound("rdp", 100).allow().protocol("Tcp").ports("3389").build()))
                    .hasMessageContaining("SecurityRuleConflict").hasMessageContaining("Security rule ssh conflicts with rule rdp");
            assertThat(arm.nsgIds()).as("a refused group is not created").isEmpty();
        }
    }

    @Test
    void seedingTakesOnePriorityOncePerDirection_andEveryProtocolArmKnows() {
        try (ArmServer arm = ArmServer.start()) {
            String id = arm.putNsg("rg1", "nsg1", "westus",
                    ArmRule.inbound("in", 100).allow().protocol("Tcp").build(),
                    ArmRule.outbound("out", 100).deny().protocol("Udp").build(),
                    ArmRule.inbound("icmp", 101).allow().protocol("Icmp").build(),
                    ArmRule.inbound("esp", 102).allow().protocol("Esp").build(),
                    ArmRule.inbound("ah", 103).allow().protocol("Ah").build(),
                    ArmRule.inbound("any", 4096).deny().protocol("*").build());

            assertThat(arm.ruleNames(id)).containsExactly("ah", "any", "esp", "icmp", "in", "out");
            JsonNode any = arm.rule(id, "ANY").orElseThrow();
            assertThat(any.get("name").asText()).as("names compare without regard to case").isEqualTo("any");
            assertThat(any.at("/properties/protocol").asText()).isEqualTo("*");
        }
    }

    @Test
    void subnetsAndInterfacesAreListedByTheGroupsTheyUse_andFollowAReassociation() {
        try (ArmServer arm = ArmServer.start()) {
            String first = arm.putNsg("rg1", "first", "westus");
            String second = arm.putNsg("rg1", "second", "westus");
            String subnet = arm.putSubnet("rg1", "vnet1", "s1", first);
            String nic = arm.putNic("rg1", "nic1", subnet, first);
            String address = arm.nic(nic).orElseThrow().at("/properties/ipConfigurations/0/properties/privateIPAddress").asText();

            arm.putSubnet("rg1", "vnet1", "s1", second);
            arm.putNic("rg1", "nic1", subnet, null);

            assertThat(arm.nsg(first).orElseThrow().get("properties").has("subnets")).isFalse();
            assertThat(arm.nsg(first).orElseThrow().get("properties").has("networkInterfaces")).isFalse();
            assertThat(arm.nsg(second).orElseThrow().at("/properties/subnets/0/id").asText()).isEqualTo(subnet);
            assertThat(arm.nic(nic).orElseThrow().at("/properties/ipConfigurations/0/properties/privateIPAddress").asText())
                    .as("an interface keeps its address in its subnet").isEqualTo(address);
            assertThat(arm.subnet(subnet).orElseThrow().at("/properties/ipConfigurations/0/id").asText())
                    .isEqualTo(nic + "/ipConfigurations/ipconfig1");
            assertThatThrownBy(() -> arm.putNic("rg1", "nic2", subnet.replace("s1", "s9"), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no subnet");
            assertThatThrownBy(() -> arm.putSubnet("rg1", "vnet1", "s2", first.replace("first", "third")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no network security group");
        }
    }
}
