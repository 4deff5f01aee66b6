package dev.cloudwarden.core.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.AppliesTo;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Access;
import dev.cloudwarden.api.FirewallRule.Control;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Azure NSGs as the Azure provider's {@code NsgTranslator} reads them — rule name as id, priority, allow or deny,
 * {@code Tcp}/{@code Udp}/{@code *}, {@code destinationPortRange(s)}, prefixes as typed peers, the three default inbound
 * rules marked the cloud's, every group {@link FirewallGroup.Passage#EVERY_GROUP_ALLOWS} — judged with the default
 * sensitive ports. Core cannot see the provider, so {@link Nsg} below writes the NSG the way the portal shows it and
 * translates it by the provider's rules.
 */
class AzureExposureTest {
    private static final SensitivePort FTP = port(20, 21, "ftp");
    private static final SensitivePort SSH = port(22, 22, "ssh");
    private static final SensitivePort TELNET = port(23, 23, "telnet");
    private static final SensitivePort SMTP = port(25, 25, "smtp");
    private static final SensitivePort RDP = port(3389, 3389, "rdp");

    private final ExposureEvaluator evaluator = new ExposureEvaluator(DefaultSensitivePorts.PORTS, List.of());

    private List<Exposure> exposures(FirewallGroup group, FirewallGroup... others) {
        Map<String, FirewallGroup> byId = new HashMap<>();
        Arrays.stream(others).forEach(other -> byId.put(other.id(), other));
        return evaluator.evaluate(group, id -> Optional.ofNullable(byId.get(id)));
    }

    private static List<SensitivePort> exposedPorts(List<Exposure> exposures) {
        assertThat(exposures).hasSize(1);
        return exposures.getFirst().exposedPorts();
    }

    /** The default sensitive port with this range and service. */
    private static SensitivePort port(int from, int to, String service) {
        return DefaultSensitivePorts.PORTS.stream()
                .filter(p -> p.ports().equals(new PortRange(from, to)) && p.service().equals(service)).findFirst().orElseThrow();
    }

    @Nested
    class ADenyAheadInTheSameNsg {

        @Test
        void aDenyAtALowerNumber_onTheSamePortProtocolAndSource_shadowsTheAllow() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22")).alone();

            assertThat(exposures(nsg)).isEmpty();
        }

        @Test
        void aDenyAtAHigherNumber_shadowsNothing() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("deny-ssh", 300).deny().protocol("Tcp").sources("Internet").ports("22")).alone();

            assertThat(exposures(nsg)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
        }

        @Test
        void aDenyOfFewerPorts_leavesTheOtherSensitivePortsOfTheAllowExposed() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("allow-legacy", 200).allow().protocol("Tcp").sources("Internet").ports("20-25")).alone();

            // 24 is not a default sensitive port; 22 is closed by the deny
            assertThat(exposedPorts(exposures(nsg))).containsExactly(FTP, TELNET, SMTP);
        }

        @Test
        void aDenyOfFewerPorts_leavesAPolicysOwnSensitiveRangeExposed_whenItClosesOnlyPartOfIt() {
            SensitivePort legacy = new SensitivePort(new PortRange(20, 25), "legacy", Severity.HIGH);
            ExposureEvaluator strict = new ExposureEvaluator(List.of(legacy), List.of());
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("allow-legacy", 200).allow().protocol("Tcp").sources("Internet").ports("20-25")).alone();

            assertThat(strict.evaluate(nsg)).singleElement().satisfies(e -> assertThat(e.exposedPorts()).containsExactly(legacy));
        }

        /**
         * {@code *}, {@code Any} and {@code Internet} all name the internet as far as exposure goes: {@code *} also holds
         * the virtual network, but that part is not the internet, so a deny from {@code Internet} closes everything of an
         * allow from {@code *} the audit looks at. Either way round.
         */
        @Test
        void aDenyFromTheInternetTag_shadowsAnAllowFromAnywhere_andTheOtherWayRound() {
            FirewallGroup denyInternetAllowStar = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("*").ports("22")).alone();
            FirewallGroup denyAnyAllowInternet = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Any").ports("22"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22")).alone();

            assertThat(exposures(denyInternetAllowStar)).isEmpty();
            assertThat(exposures(denyAnyAllowInternet)).isEmpty();
        }

        @Test
        void aDenyOfFewerSources_shadowsNothing() {
            FirewallGroup fromOneRange = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh-attackers", 100).deny().protocol("Tcp").sources("203.0.113.0/24").ports("22"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22")).alone();
            FirewallGroup fromTheVnet = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh-vnet", 100).deny().protocol("Tcp").sources("VirtualNetwork").ports("22"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("*").ports("22")).alone();

            assertThat(exposures(fromOneRange)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
            assertThat(exposures(fromTheVnet)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
        }

        @Test
        void aDenyToANarrowerDestination_shadowsNothing_oneToEveryDestinationDoes() {
            FirewallGroup narrow = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh-db", 100).deny().protocol("Tcp").sources("Internet").ports("22").destinations("10.0.1.0/24"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22").destinations("*")).alone();
            FirewallGroup everywhere = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22").destinations("*"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22")).alone();

            assertThat(exposures(narrow)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
            assertThat(exposures(everywhere)).isEmpty();
        }

        @Test
        void aDenyOfAnotherProtocol_shadowsNothing_oneOfEveryProtocolDoes() {
            FirewallGroup udp = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh-udp", 100).deny().protocol("Udp").sources("Internet").ports("22"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22")).alone();
            FirewallGroup every = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh-any", 100).deny().protocol("*").sources("Internet").ports("22"))
                    .rule(inbound("allow-ssh", 200).allow().protocol("Tcp").sources("Internet").ports("22")).alone();

            assertThat(exposures(udp)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
            assertThat(exposures(every)).isEmpty();
        }

        @Test
        void aTcpDeny_leavesAnAllowOfEveryProtocolExposed_sinceSensitivePortsCarryNoProtocol() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("allow-22", 200).allow().protocol("*").sources("Internet").ports("22")).alone();

            assertThat(exposedPorts(exposures(nsg))).containsExactly(SSH); // udp 22 still gets in
        }
    }

    @Nested
    class PortsProtocolsAndSources {

        @Test
        void eachSensitivePortInAListOfPortRangesIsFound() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("allow-admin", 100).allow().protocol("Tcp").sources("Internet").ports("22", "3389", "8000-8080")).alone();
            SensitivePort proxy = new SensitivePort(PortRange.single(8080), "http-proxy", Severity.MEDIUM);
            ExposureEvaluator withProxy = new ExposureEvaluator(List.of(SSH, RDP, proxy), List.of());

            assertThat(exposures(nsg)).singleElement().satisfies(e -> {
                assertThat(e.exposedPorts()).containsExactly(SSH, RDP);
                assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
            });
            assertThat(withProxy.evaluate(nsg)).singleElement()
                    .satisfies(e -> assertThat(e.exposedPorts()).containsExactly(SSH, RDP, proxy));
        }

        @Test
        void aDenyOfSomeRangesOfTheList_leavesTheRestExposed() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("allow-admin", 200).allow().protocol("Tcp").sources("Internet").ports("22", "3389", "8000-8080")).alone();

            assertThat(exposedPorts(exposures(nsg))).containsExactly(RDP);
        }

        @Test
        void everyProtocolOnEveryPort_exposesEverySensitivePort() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("allow-all", 100).allow().protocol("*").sources("*").ports("*")).alone();

            assertThat(exposedPorts(exposures(nsg))).containsExactlyElementsOf(DefaultSensitivePorts.PORTS);
        }

        @Test
        void everyProtocolOnOnePort_exposesOnlyThatPort() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("allow-rdp", 100).allow().protocol("*").sources("Any").ports("3389")).alone();

            assertThat(exposedPorts(exposures(nsg))).containsExactly(RDP);
        }

        @Test
        void theVirtualNetworkAndTheLoadBalancerAreNotTheInternet() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("allow-vnet-ssh", 100).allow().protocol("Tcp").sources("VirtualNetwork").ports("22"))
                    .rule(inbound("allow-probe", 110).allow().protocol("*").sources("AzureLoadBalancer").ports("*"))
                    .rule(inbound("allow-office", 120).allow().protocol("Tcp").sources("10.20.0.0/16", "192.168.1.0/24").ports("3389"))
                    .alone();

            assertThat(exposures(nsg)).isEmpty();
        }
    }

    @Nested
    class DefaultRules {

        @Test
        void anNsgWithOnlyItsDefaultRulesExposesNothing() {
            assertThat(exposures(Nsg.named("nsg-empty").alone())).isEmpty();
            assertThat(exposures(Nsg.named("nsg-empty").attachedTo("nic-web", "nsg-empty"))).isEmpty();
        }

        @Test
        void denyAllInBoundShadowsNoAllowOfItsOwnNsg_theAllowHasTheLowerNumber() {
            FirewallGroup nsg = Nsg.named("nsg-web")
                    .rule(inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22")).alone();

            assertThat(exposures(nsg)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
        }

        /**
         * Priorities compare only within an NSG, so the subnet's 65500 does not lose to the NIC's 100. The subnet's
         * DenyAllInBound still stops the traffic: every NSG on the way must allow it, and the subnet's does not.
         */
        @Test
        void theSubnetsDenyAllInBound_stopsAnAllowOfTheNicsNsg_becauseEveryNsgOnTheWayMustAllow() {
            FirewallGroup subnet = Nsg.named("nsg-subnet").attachedTo("nic-web", "nsg-subnet", "nsg-nic");
            FirewallGroup nic = Nsg.named("nsg-nic")
                    .rule(inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");

            assertThat(exposures(nic, subnet)).isEmpty();
        }

        @Test
        void priorityNumbersOfDifferentNsgsAreNotCompared() {
            FirewallGroup subnetAllowsLate = Nsg.named("nsg-subnet")
                    .rule(inbound("allow-ssh", 4000).allow().protocol("Tcp").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");
            FirewallGroup nicDeniesLate = Nsg.named("nsg-nic")
                    .rule(inbound("allow-https", 100).allow().protocol("Tcp").sources("Internet").ports("443"))
                    .rule(inbound("deny-ssh", 4090).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");
            FirewallGroup nicAllowsEarly = Nsg.named("nsg-nic")
                    .rule(inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");

            // the NIC's deny at 4090 stops what the subnet allowed at 4000: no order between the two NSGs, both must allow
            assertThat(exposures(subnetAllowsLate, nicDeniesLate)).isEmpty();
            // and the subnet's allow at 4000 is passed by the NIC's allow at 100 just the same
            assertThat(exposures(subnetAllowsLate, nicAllowsEarly)).extracting(e -> e.rule().id()).containsExactly("allow-ssh");
        }
    }

    @Nested
    class SubnetThenNic {

        private FirewallGroup subnetAllowingSsh() {
            return Nsg.named("nsg-subnet")
                    .rule(inbound("allow-ssh-subnet", 100).allow().protocol("Tcp").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");
        }

        private FirewallGroup nicAllowingSsh() {
            return Nsg.named("nsg-nic")
                    .rule(inbound("allow-ssh-nic", 100).allow().protocol("Tcp").sources("*").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");
        }

        @Test
        void bothAllow_theInternetGetsIn_andEachNsgsAllowIsReportedOnItsOwnNsg() {
            assertThat(exposures(subnetAllowingSsh(), nicAllowingSsh())).singleElement().satisfies(e -> {
                assertThat(e.rule().id()).isEqualTo("allow-ssh-subnet");
                assertThat(e.through()).extracting(a -> a.target().id()).containsExactly("nic-web");
            });
            assertThat(exposures(nicAllowingSsh(), subnetAllowingSsh())).extracting(e -> e.rule().id()).containsExactly("allow-ssh-nic");
        }

        @Test
        void theSubnetAllows_theNicDenies_nothingGetsIn() {
            FirewallGroup nic = Nsg.named("nsg-nic")
                    .rule(inbound("deny-ssh", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");

            assertThat(exposures(subnetAllowingSsh(), nic)).isEmpty();
        }

        @Test
        void theSubnetAllows_theNicHasOnlyItsDefaults_nothingGetsIn() {
            FirewallGroup nic = Nsg.named("nsg-nic").attachedTo("nic-web", "nsg-subnet", "nsg-nic");

            assertThat(exposures(subnetAllowingSsh(), nic)).isEmpty();
        }

        @Test
        void theNicAllows_theSubnetHasOnlyItsDefaults_nothingGetsIn() {
            FirewallGroup subnet = Nsg.named("nsg-subnet").attachedTo("nic-web", "nsg-subnet", "nsg-nic");

            assertThat(exposures(nicAllowingSsh(), subnet)).isEmpty();
        }

        @Test
        void theSubnetAllowsEveryProtocol_theNicAllowsTcpOnly_sshGetsIn_rdpDoesNot() {
            FirewallGroup subnet = Nsg.named("nsg-subnet")
                    .rule(inbound("allow-everything", 100).allow().protocol("*").sources("Internet").ports("*"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");

            assertThat(exposures(subnet, nicAllowingSsh())).singleElement().satisfies(e -> {
                assertThat(e.rule().id()).isEqualTo("allow-everything");
                assertThat(e.exposedPorts()).containsExactly(SSH);
            });
        }

        @Test
        void theNicsTcpDenyDoesNotStopTheSubnetsAllowOfEveryProtocol_udpStillGetsIn() {
            FirewallGroup subnet = Nsg.named("nsg-subnet")
                    .rule(inbound("allow-22", 100).allow().protocol("*").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");
            FirewallGroup nic = Nsg.named("nsg-nic")
                    .rule(inbound("deny-ssh-tcp", 100).deny().protocol("Tcp").sources("Internet").ports("22"))
                    .rule(inbound("allow-22", 200).allow().protocol("*").sources("Internet").ports("22"))
                    .attachedTo("nic-web", "nsg-subnet", "nsg-nic");

            assertThat(exposedPorts(exposures(subnet, nic))).containsExactly(SSH);
        }
    }

    @Nested
    class AnNsgAttachedToNothing {

        /**
         * An NSG on no subnet and no NIC reaches nothing today, but the rule waits for the first NIC it is put on. The
         * provider gives it no attachments, and a group without attachments is judged alone (as an AWS security group
         * is): the allow is reported, naming no attachment. Kept deliberately: a latent exposure is worth a finding.
         */
        @Test
        void itsAllowIsStillReported_asALatentExposure_namingNoAttachment() {
            FirewallGroup nsg = Nsg.named("nsg-unattached")
                    .rule(inbound("allow-rdp", 100).allow().protocol("Tcp").sources("Internet").ports("3389")).alone();

            assertThat(exposures(nsg)).singleElement().satisfies(e -> {
                assertThat(e.rule().id()).isEqualTo("allow-rdp");
                assertThat(e.exposedPorts()).containsExactly(RDP);
                assertThat(e.through()).isEmpty();
            });
        }
    }

    // ---- NSGs written as the portal shows them, translated as the Azure provider's NsgTranslator does --------------

    private static SecurityRule inbound(String name, int priority) {
        return new SecurityRule(name, priority);
    }

    /** An inbound security rule: allow or deny, protocol, destination port ranges, source and destination prefixes. */
    private static final class SecurityRule {
        private static final Set<String> INTERNET = Set.of("*", "any", "internet");
        private final String name;
        private final int priority;
        private Access access = Access.ALLOW;
        private String protocol = "*";
        private List<String> ports = List.of("*");
        private List<String> sources = List.of("*");
        private List<String> destinations = List.of("*");
        private Control control = Control.CUSTOMER;

        private SecurityRule(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        SecurityRule allow() {
            access = Access.ALLOW;
            return this;
        }

        SecurityRule deny() {
            access = Access.DENY;
            return this;
        }

        SecurityRule protocol(String value) {
            protocol = value;
            return this;
        }

        /** {@code destinationPortRange} for one, {@code destinationPortRanges} for more. */
        SecurityRule ports(String... ranges) {
            ports = List.of(ranges);
            return this;
        }

        /** {@code sourceAddressPrefix(es)}: CIDR blocks or service tags. */
        SecurityRule sources(String... prefixes) {
            sources = List.of(prefixes);
            return this;
        }

        SecurityRule destinations(String... prefixes) {
            destinations = List.of(prefixes);
            return this;
        }

        SecurityRule cloudDefault() {
            control = Control.CLOUD_DEFAULT;
            return this;
        }

        FirewallRule translated() {
            List<PortRange> ranges = ports.stream()
                    .map(p -> p.strip().equalsIgnoreCase("any") ? PortRange.ALL : PortRange.parse(p)).distinct().toList();
            return new FirewallRule(name, name, Direction.INGRESS, access, OptionalInt.of(priority),
                    Protocol.of(protocol.toLowerCase(Locale.ROOT)), ranges, peers(sources, false), peers(destinations, true),
                    true, AppliesTo.WHOLE_GROUP, control, "");
        }

        /** {@code *}, {@code Any}, {@code Internet} are the internet; a destination of {@code *} or {@code Any} is none. */
        private static List<Peer> peers(List<String> prefixes, boolean destination) {
            List<Peer> peers = new ArrayList<>();
            for (String text : prefixes) {
                boolean anywhere = INTERNET.contains(text.toLowerCase(Locale.ROOT));
                if (destination && anywhere && !text.equalsIgnoreCase("internet")) {
                    continue;
                }
                peers.add(anywhere ? new Peer.ServiceTag(text, true) : cidrOrTag(text));
            }
            return peers;
        }

        private static Peer cidrOrTag(String text) {
            try {
                return new Peer.Cidr(IpRange.parse(text));
            } catch (IllegalArgumentException notAnAddress) {
                return new Peer.ServiceTag(text, false);
            }
        }
    }

    /** An NSG: its security rules, then the default inbound rules every NSG has. */
    private static final class Nsg {
        private final String id;
        private final List<SecurityRule> rules = new ArrayList<>();

        private Nsg(String id) {
            this.id = id;
        }

        static Nsg named(String id) {
            return new Nsg(id);
        }

        Nsg rule(SecurityRule rule) {
            rules.add(rule);
            return this;
        }

        /** On no subnet and no NIC, or judged as if nothing else stood on the way. */
        FirewallGroup alone() {
            return build(List.of());
        }

        /** Guarding {@code nic}, reached through {@code path} (NSG ids, the subnet's first). */
        FirewallGroup attachedTo(String nic, String... path) {
            ResourceRef target = new ResourceRef(CloudId.AZURE, "sub-1", "westeurope", "Microsoft.Network/networkInterfaces",
                    nic, nic, Tags.of(Map.of()));
            return build(List.of(new FirewallGroup.Attachment(target, List.of(path))));
        }

        private FirewallGroup build(List<FirewallGroup.Attachment> attachments) {
            List<FirewallRule> translated = new ArrayList<>(rules.stream().map(SecurityRule::translated).toList());
            Arrays.stream(defaults()).map(SecurityRule::translated).forEach(translated::add);
            ResourceRef ref = new ResourceRef(CloudId.AZURE, "sub-1", "westeurope", "Microsoft.Network/networkSecurityGroups",
                    id, id, Tags.of(Map.of()));
            return new FirewallGroup(ref, "", translated, FirewallGroup.Passage.EVERY_GROUP_ALLOWS, attachments);
        }

        private static SecurityRule[] defaults() {
            return new SecurityRule[] {
                    inbound("AllowVnetInBound", 65000).allow().sources("VirtualNetwork").destinations("VirtualNetwork").cloudDefault(),
                    inbound("AllowAzureLoadBalancerInBound", 65001).allow().sources("AzureLoadBalancer").cloudDefault(),
                    inbound("DenyAllInBound", 65500).deny().cloudDefault()};
        }
    }
}
