package dev.cloudwarden.core.firewall;

import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE_IPV6;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.Firewalls.RuleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureEvaluatorTest {
    private static final SensitivePort FTP = new SensitivePort(new PortRange(20, 21), "ftp", Severity.MEDIUM);
    private static final SensitivePort SSH = new SensitivePort(PortRange.single(22), "ssh", Severity.HIGH);
    private static final SensitivePort MSSQL = new SensitivePort(PortRange.single(1433), "mssql", Severity.HIGH);
    private static final SensitivePort RDP = new SensitivePort(PortRange.single(3389), "rdp", Severity.CRITICAL);
    private static final String CARRIER_GRADE_NAT = "100.64.0.0/10";

    private final ExposureEvaluator evaluator = new ExposureEvaluator(List.of(FTP, SSH, MSSQL, RDP),
            List.of(IpRange.parse(CARRIER_GRADE_NAT)));

    private List<Exposure> exposuresOf(RuleBuilder... rules) {
        return evaluator.evaluate(group("sg-1").rules(rules).build());
    }

    @Test
    void sshOpenToEveryIpv4AddressIsExposed() {
        assertThat(exposuresOf(rule("sgr-ssh").tcp(22).from(ANYWHERE))).singleElement().satisfies(exposure -> {
            assertThat(exposure.rule().id()).isEqualTo("sgr-ssh");
            assertThat(exposure.internetSources()).containsExactly(Peer.Cidr.of(ANYWHERE));
            assertThat(exposure.exposedPorts()).containsExactly(SSH);
            assertThat(exposure.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void sshOpenToEveryIpv6AddressIsExposed() {
        assertThat(exposuresOf(rule("sgr-ssh6").tcp(22).from(ANYWHERE_IPV6)))
                .singleElement().extracting(Exposure::exposedPorts).isEqualTo(List.of(SSH));
    }

    @Test
    void halfTheAddressSpaceIsStillTheInternet() {
        assertThat(exposuresOf(rule("sgr-half").tcp(22).from("0.0.0.0/1"))).hasSize(1);
    }

    @Test
    void aPrivateSlash8IsNotTheInternet() {
        assertThat(exposuresOf(rule("sgr-vpn").tcp(22).from("10.0.0.0/8"))).isEmpty();
    }

    @Test
    void aRuleThatOnlyReferencesAnotherGroupIsNotExposed() {
        assertThat(exposuresOf(rule("sgr-bastion").tcp(22).fromGroup("sg-bastion"))).isEmpty();
    }

    @Test
    void onlyTheInternetSourcesOfAMixedRuleAreEvidence() {
        assertThat(exposuresOf(rule("sgr-mixed").tcp(22).fromGroup("sg-bastion").from("10.0.0.0/8", ANYWHERE)))
                .singleElement().extracting(Exposure::internetSources).isEqualTo(List.of(Peer.Cidr.of(ANYWHERE)));
    }

    @Test
    void everyProtocolOpensEverySensitivePortAtTheWorstSeverity() {
        assertThat(exposuresOf(rule("sgr-all").protocol("-1").from(ANYWHERE))).singleElement().satisfies(exposure -> {
            assertThat(exposure.exposedPorts()).containsExactly(FTP, SSH, MSSQL, RDP);
            assertThat(exposure.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void aPortRangeCoveringASensitivePortIsExposed() {
        assertThat(exposuresOf(rule("sgr-range").tcp(1000, 2000).from(ANYWHERE)))
                .singleElement().extracting(Exposure::exposedPorts).isEqualTo(List.of(MSSQL));
    }

    @Test
    void webPortsAreNotExposed() {
        assertThat(exposuresOf(rule("sgr-http").tcp(80).from(ANYWHERE), rule("sgr-https").tcp(443).from(ANYWHERE))).isEmpty();
    }

    @Test
    void icmpReachesNoServicePort() {
        assertThat(exposuresOf(rule("sgr-ping").protocol("icmp").from(ANYWHERE))).isEmpty();
    }

    @Test
    void egressIsNotExposed() {
        assertThat(exposuresOf(rule("sgr-out").egress().protocol("-1").from(ANYWHERE))).isEmpty();
    }

    @Test
    void aDisabledRuleIsNotExposed() {
        assertThat(exposuresOf(rule("allow-ssh").tcp(22).from(ANYWHERE).priority(1000).disabled())).isEmpty();
    }

    @Test
    void aCidrThePolicyDeclaresPublicIsTheInternet() {
        assertThat(exposuresOf(rule("sgr-cgnat").tcp(22).from(CARRIER_GRADE_NAT))).hasSize(1);
        assertThat(exposuresOf(rule("sgr-cgnat-part").tcp(22).from("100.64.1.0/24"))).hasSize(1);
    }

    @Test
    void anAllowShadowedByAHigherPriorityDenyIsNotExposed() {
        assertThat(exposuresOf(
                rule("deny-rdp").deny().tcp(3389).fromTag("Internet").priority(100),
                rule("allow-rdp").tcp(3389).fromTag("Internet").priority(200))).isEmpty();
    }

    @Test
    void aDenyOfLowerPriorityThanTheAllowShadowsNothing() {
        assertThat(exposuresOf(
                rule("allow-rdp").tcp(3389).fromTag("Internet").priority(200),
                rule("deny-rdp").deny().tcp(3389).fromTag("Internet").priority(300)))
                .singleElement().extracting(exposure -> exposure.rule().id()).isEqualTo("allow-rdp");
    }

    @Test
    void aDenyCoveringOnlyPartOfTheSensitiveRangeLeavesItExposed() {
        assertThat(exposuresOf(
                rule("deny-ftp-control").deny().tcp(21).fromTag("Internet").priority(100),
                rule("allow-ftp").tcp(20, 21).fromTag("Internet").priority(200)))
                .singleElement().extracting(Exposure::exposedPorts).isEqualTo(List.of(FTP));
    }

    @Test
    void aDenyWhosePortRangesTogetherCoverTheOpenedPorts_shadowsTheAllow() {
        // Azure destinationPortRanges ["20", "21"], GCP ports ["20", "21"]: one deny, two ranges, every opened ftp port closed
        assertThat(exposuresOf(
                rule("deny-ftp").deny().tcp(20).tcp(21).fromTag("Internet").priority(100),
                rule("allow-ftp").tcp(20, 21).fromTag("Internet").priority(200))).isEmpty();
        assertThat(exposuresOf(
                rule("deny-ftp-and-more").deny().tcp(0, 20).tcp(21, 80).from(ANYWHERE).priority(100),
                rule("allow-low-ports").tcp(1, 2000).from(ANYWHERE).priority(200)))
                .singleElement().extracting(Exposure::exposedPorts).isEqualTo(List.of(MSSQL));
    }

    @Test
    void aDenyWhosePortRangesLeaveAGapInTheOpenedPorts_leavesTheRangeExposed() {
        assertThat(exposuresOf(
                rule("deny-most-of-ftp").deny().tcp(19, 20).tcp(22, 23).fromTag("Internet").priority(100),
                rule("allow-ftp").tcp(20, 21).fromTag("Internet").priority(200)))
                .singleElement().extracting(Exposure::exposedPorts).isEqualTo(List.of(FTP));
    }

    @Test
    void aDenyCoveringOnlySomeInternetSourcesLeavesTheOthersExposed() {
        assertThat(exposuresOf(
                rule("deny-ssh-ipv4").deny().tcp(22).from(ANYWHERE).priority(100),
                rule("allow-ssh").tcp(22).from(ANYWHERE, ANYWHERE_IPV6).priority(200))).hasSize(1);
    }

    @Test
    void aDisabledDenyShadowsNothing() {
        assertThat(exposuresOf(
                rule("deny-ssh").deny().tcp(22).from(ANYWHERE).priority(100).disabled(),
                rule("allow-ssh").tcp(22).from(ANYWHERE).priority(200))).hasSize(1);
    }

    @Test
    void aDenyOfTheSamePriorityShadowsTheAllow() {
        assertThat(exposuresOf(
                rule("deny-ssh").deny().tcp(22).from(ANYWHERE).priority(1000),
                rule("allow-ssh").tcp(22).from(ANYWHERE).priority(1000))).isEmpty();
    }

    // ---- address sets (AWS managed prefix lists): judged by their entries ------------------------------------------

    @Test
    void aPrefixListWithOnePublicEntryIsTheInternet_andTheExposureNamesThatEntry() {
        Peer.AddressSet office = Firewalls.addressSet("pl-0123456789abcdef0", "office", "10.0.0.0/8", ANYWHERE, "192.0.2.0/24");

        assertThat(exposuresOf(rule("sgr-ssh").tcp(22).fromAddressSet(office.id(), office.name(), "10.0.0.0/8", ANYWHERE, "192.0.2.0/24")))
                .singleElement().satisfies(exposure -> {
                    assertThat(exposure.internetSources()).containsExactly(office);
                    assertThat(exposure.publicSets()).containsExactly(new Exposure.PublicSet(office, List.of(IpRange.parse(ANYWHERE))));
                    assertThat(exposure.exposedPorts()).containsExactly(SSH);
                });
    }

    @Test
    void aPrefixListOfPrivateAndNarrowEntriesIsNotTheInternet() {
        // the entries of com.amazonaws.<region>.s3 are public addresses, but each narrower than a /8, as a CIDR would be judged
        assertThat(exposuresOf(rule("sgr-ssh").tcp(22).fromAddressSet("pl-63a5400a", "com.amazonaws.us-east-1.s3",
                "52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"))).isEmpty();
        assertThat(exposuresOf(rule("sgr-ssh").tcp(22).fromAddressSet("pl-0123456789abcdef0", "vpn", "10.0.0.0/8", "fd12:3456::/32"))).isEmpty();
    }

    @Test
    void anEmptyPrefixListIsNotTheInternet() {
        assertThat(exposuresOf(rule("sgr-ssh").tcp(22).fromAddressSet("pl-0123456789abcdef0", "empty"))).isEmpty();
    }

    @Test
    void aPrefixListEntryOverlappingPublicCidrsOrWholeIpv6IsTheInternet() {
        assertThat(exposuresOf(rule("sgr-ssh").tcp(22).fromAddressSet("pl-0123456789abcdef0", "partners", "100.64.7.0/24")))
                .singleElement().extracting(e -> e.publicSets().getFirst().publicEntries())
                .isEqualTo(List.of(IpRange.parse("100.64.7.0/24")));
        assertThat(exposuresOf(rule("sgr-ssh").tcp(22).fromAddressSet("pl-0123456789abcdef0", "v6", "2001:db8::/32", ANYWHERE_IPV6)))
                .singleElement().extracting(e -> e.publicSets().getFirst().publicEntries())
                .isEqualTo(List.of(IpRange.parse(ANYWHERE_IPV6)));
    }

    @Test
    void aPrefixListOnAPortThatIsNotSensitiveExposesNothing() {
        assertThat(exposuresOf(rule("sgr-https").tcp(443).fromAddressSet("pl-0123456789abcdef0", "world", ANYWHERE))).isEmpty();
    }

    @Test
    void aDenyAheadThatCoversEveryPublicEntryOfAPrefixList_closesIt_oneThatMissesAnEntryDoesNot() {
        assertThat(exposuresOf(
                rule("deny-world").deny().priority(100).tcp(22).from(ANYWHERE),
                rule("allow-list").priority(200).tcp(22).fromAddressSet("pl-0123456789abcdef0", "l", "10.0.0.0/8", "0.0.0.0/1")))
                .isEmpty();
        assertThat(exposuresOf(
                rule("deny-same-list").deny().priority(100).tcp(22).fromAddressSet("pl-0123456789abcdef0", "l", "0.0.0.0/1"),
                rule("allow-list").priority(200).tcp(22).fromAddressSet("pl-0123456789abcdef0", "l", "0.0.0.0/1")))
                .isEmpty();
        assertThat(exposuresOf(
                rule("deny-half").deny().priority(100).tcp(22).from("0.0.0.0/1"),
                rule("allow-list").priority(200).tcp(22).fromAddressSet("pl-0123456789abcdef0", "l", "0.0.0.0/1", "128.0.0.0/1")))
                .singleElement().extracting(e -> e.rule().id()).isEqualTo("allow-list");
    }
}
