package dev.cloudwarden.core.firewall;

import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Effective exposure across the groups traffic passes, in the model's neutral terms: Azure's subnet NSG then NIC NSG
 * (both must allow), GCP's organisation and folder policies before the network's rules (the first decision wins, go to
 * next hands on). A group without attachments is judged alone, as an AWS security group always is.
 */
class ExposureLayersTest {
    private static final SensitivePort SSH = new SensitivePort(PortRange.single(22), "ssh", Severity.HIGH);
    private final ExposureEvaluator evaluator = new ExposureEvaluator(List.of(SSH), List.<IpRange>of());

    private List<Exposure> exposures(FirewallGroup group, FirewallGroup... others) {
        Map<String, FirewallGroup> byId = new java.util.HashMap<>();
        for (FirewallGroup other : others) {
            byId.put(other.id(), other);
        }
        Function<String, Optional<FirewallGroup>> lookup = id -> Optional.ofNullable(byId.get(id));
        return evaluator.evaluate(group, lookup);
    }

    /** Azure's default inbound rules, which every NSG has and no one can delete. */
    private static dev.cloudwarden.core.testing.Firewalls.RuleBuilder[] azureDefaults() {
        return new dev.cloudwarden.core.testing.Firewalls.RuleBuilder[] {
                rule("AllowVnetInBound").priority(65000).fromTag("VirtualNetwork"),
                rule("AllowAzureLoadBalancerInBound").priority(65001).fromTag("AzureLoadBalancer"),
                rule("DenyAllInBound").priority(65500).deny().fromTag("*")};
    }

    @Nested
    class AzureSubnetThenNic {

        private FirewallGroup subnetNsg(String nic, String nicNsg) {
            return group("nsg-subnet").everyGroupAllows()
                    .rules(rule("allow-ssh").priority(100).tcp(22).fromTag("Internet")).rules(azureDefaults())
                    .attachedTo(nic, nicNsg == null ? new String[] {"nsg-subnet"} : new String[] {"nsg-subnet", nicNsg}).build();
        }

        @Test
        void aSubnetAllowIsExposed_atANicWithoutAnNsgOfItsOwn_namingTheNic() {
            assertThat(exposures(subnetNsg("nic-web", null))).singleElement().satisfies(e -> {
                assertThat(e.rule().id()).isEqualTo("allow-ssh");
                assertThat(e.through()).extracting(a -> a.target().id()).containsExactly("nic-web");
            });
        }

        @Test
        void aSubnetAllowIsNotExposed_whenTheNicNsgLetsOnlyItsDefaultsDecide() {
            FirewallGroup nicNsg = group("nsg-nic").everyGroupAllows().rules(azureDefaults()).build();

            assertThat(exposures(subnetNsg("nic-web", "nsg-nic"), nicNsg)).isEmpty();
        }

        @Test
        void aSubnetAllowIsExposed_whenTheNicNsgAllowsTheInternetToo() {
            FirewallGroup nicNsg = group("nsg-nic").everyGroupAllows()
                    .rules(rule("allow-any").priority(200).tcp(1, 65535).from(ANYWHERE)).rules(azureDefaults()).build();

            assertThat(exposures(subnetNsg("nic-web", "nsg-nic"), nicNsg)).hasSize(1);
        }

        @Test
        void aNicNsgAllowIsNotExposed_whenTheSubnetNsgBeforeItDeniesTheInternet() {
            FirewallGroup subnet = group("nsg-subnet").everyGroupAllows().rules(azureDefaults()).build();
            FirewallGroup nic = group("nsg-nic").everyGroupAllows()
                    .rules(rule("allow-ssh").priority(100).tcp(22).fromTag("Internet")).rules(azureDefaults())
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic").build();

            assertThat(exposures(nic, subnet)).isEmpty();
        }

        @Test
        void aDenyAimedAtOneDestinationDoesNotShadowAnAllowToEverything() {
            FirewallGroup nsg = group("nsg-subnet").everyGroupAllows()
                    .rules(rule("deny-ssh-db").priority(100).deny().tcp(22).fromTag("Internet").to("10.0.2.0/24"),
                            rule("allow-ssh").priority(110).tcp(22).fromTag("Internet"))
                    .rules(azureDefaults()).attachedTo("nic-web", "nsg-subnet").build();

            assertThat(exposures(nsg)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
        }

        @Test
        void anNsgOnTheWayThatCannotBeReadCountsAsLettingTrafficThrough() {
            assertThat(exposures(subnetNsg("nic-web", "nsg-gone"))).hasSize(1);
        }

        @Test
        void oneFindingNamesEveryNicThroughWhichTheInternetGetsIn_andNoneThatIsClosed() {
            FirewallGroup closedNic = group("nsg-nic").everyGroupAllows().rules(azureDefaults()).build();
            FirewallGroup subnet = group("nsg-subnet").everyGroupAllows()
                    .rules(rule("allow-ssh").priority(100).tcp(22).fromTag("Internet")).rules(azureDefaults())
                    .attachedTo("nic-a", "nsg-subnet").attachedTo("nic-b", "nsg-subnet", "nsg-nic").attachedTo("nic-c", "nsg-subnet")
                    .build();

            assertThat(exposures(subnet, closedNic)).singleElement()
                    .satisfies(e -> assertThat(e.through()).extracting(a -> a.target().id()).containsExactly("nic-a", "nic-c"));
        }
    }

    @Nested
    class GcpPoliciesThenNetworkRules {

        private FirewallGroup vpc() {
            return group("vpc-rules").rules(rule("allow-ssh/allowed[0]").priority(1000).tcp(22).from(ANYWHERE))
                    .attachedTo("network-default", "org-policy", "vpc-rules").build();
        }

        @Test
        void anOrganisationDenyTakesTheDecision_theNetworksAllowExposesNothing() {
            FirewallGroup org = group("org-policy").rules(rule("deny-ssh").priority(10).deny().tcp(22).from(ANYWHERE)).build();

            assertThat(exposures(vpc(), org)).isEmpty();
        }

        @Test
        void anOrganisationGoToNextHandsOn_theNetworksAllowIsExposed() {
            FirewallGroup org = group("org-policy").rules(rule("next-ssh").priority(10).gotoNext().tcp(22).from(ANYWHERE)).build();

            assertThat(exposures(vpc(), org)).extracting(e -> e.rule().id()).containsExactly("allow-ssh/allowed[0]");
        }

        @Test
        void anOrganisationThatDecidesNothingHandsOn_too() {
            FirewallGroup org = group("org-policy").rules(rule("deny-rdp").priority(10).deny().tcp(3389).from(ANYWHERE)).build();

            assertThat(exposures(vpc(), org)).hasSize(1);
        }

        @Test
        void anOrganisationAllowDecidesFirst_soItIsThatRuleWhichExposes_notTheNetworks() {
            FirewallGroup org = group("org-policy").rules(rule("allow-ssh-org").priority(10).tcp(22).from(ANYWHERE))
                    .attachedTo("network-default", "org-policy", "vpc-rules").build();

            assertThat(exposures(vpc(), org)).isEmpty();
            assertThat(exposures(org, vpc())).extracting(e -> e.rule().id()).containsExactly("allow-ssh-org");
        }

        @Test
        void aDenyOnlyPartlyCoveringTheInternetDoesNotStopIt() {
            FirewallGroup org = group("org-policy").rules(rule("deny-half").priority(10).deny().tcp(22).from("0.0.0.0/1")).build();

            assertThat(exposures(vpc(), org)).hasSize(1);
        }

        @Test
        void anOrganisationAllowOfTcpOnly_doesNotDecideForAnAllowOfEveryProtocol_udpGoesOnToTheNetworksRule() {
            FirewallGroup org = group("org-policy").rules(rule("allow-ssh-org").priority(10).tcp(22).from(ANYWHERE)).build();
            FirewallGroup vpc = group("vpc-rules").rules(rule("allow-22/allowed[0]").priority(1000).tcp(22).protocol("all").from(ANYWHERE))
                    .attachedTo("network-default", "org-policy", "vpc-rules").build();

            assertThat(exposures(vpc, org)).extracting(e -> e.rule().id()).containsExactly("allow-22/allowed[0]");
        }

        @Test
        void withinTheNetworkADenyOfTheSamePriorityWinsTheTie() {
            FirewallGroup rules = group("vpc-rules").rules(rule("allow-ssh/allowed[0]").priority(1000).tcp(22).from(ANYWHERE),
                    rule("deny-ssh/denied[0]").priority(1000).deny().tcp(22).from(ANYWHERE)).build();

            assertThat(exposures(rules)).isEmpty();
        }
    }

    @Test
    void aGroupWithoutAttachmentsIsJudgedAlone_asAnAwsSecurityGroupAlwaysIs() {
        FirewallGroup sg = group("sg-1").rules(rule("ingress:tcp:22:22:0.0.0.0/0").tcp(22).from(ANYWHERE)).build();

        assertThat(exposures(sg)).singleElement().satisfies(e -> assertThat(e.through()).isEmpty());
    }
}
