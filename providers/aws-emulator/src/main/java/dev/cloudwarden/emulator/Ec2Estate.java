package dev.cloudwarden.emulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Seeds an emulator with security groups, some open to the internet and some safe, and reads them
 * back: the demo's estate, the benchmark's, and the tests'.
 */
public final class Ec2Estate implements AutoCloseable {
    public static final String REGION = "us-east-1";

    private final Ec2Client ec2;
    private final String vpcId;

    public Ec2Estate(URI endpoint) {
        this.ec2 = Ec2Client.builder()
                .region(Region.of(REGION))
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
                .build();
        this.vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    }

    /** The demo estate: name → group id. Four groups are open on sensitive ports, three are not, one is exempt. */
    public Map<String, String> seedDemo() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("web", group("web", Map.of(),
                tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0"), tcp(22, "0.0.0.0/0")));
        groups.put("db", group("db", Map.of(), tcp(5432, "0.0.0.0/0"), tcp(5432, "10.0.0.0/8")));
        groups.put("legacy-admin", group("legacy-admin", Map.of(), all("0.0.0.0/0")));
        groups.put("windows-jump", group("windows-jump", Map.of(), tcpV6(3389, "::/0"), tcp(3389, "192.0.2.10/32")));
        String web = groups.get("web");
        groups.put("app", group("app", Map.of(), IpPermission.builder().ipProtocol("tcp").fromPort(8080).toPort(8080)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(web).build()).build()));
        groups.put("internal", group("internal", Map.of(), tcp(22, "10.0.0.0/8"), tcp(6379, "10.1.0.0/16")));
        groups.put("bastion", group("bastion", Map.of("cloudwarden:exempt", "true"), tcp(22, "0.0.0.0/0")));
        return groups;
    }

    /** {@code count} groups of three rules each; every {@code openEvery}-th also opens SSH to the internet. */
    public List<String> seedMany(int count, int openEvery) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<IpPermission> rules = new ArrayList<>(List.of(tcp(443, "0.0.0.0/0"), tcp(22, "10.0.0.0/8")));
            if (openEvery > 0 && i % openEvery == 0) {
                rules.add(tcp(22, "0.0.0.0/0"));
            }
            ids.add(group(String.format("bench-%05d", i), Map.of("team", "t" + (i % 7)), rules.toArray(IpPermission[]::new)));
        }
        return ids;
    }

    /** The ingress rules of one group, as "tcp 22 from 0.0.0.0/0". */
    public List<String> ingress(String groupId) {
        return ec2.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(groupId)))
                .securityGroupRules().stream()
                .filter(rule -> !rule.isEgress())
                .map(Ec2Estate::describe)
                .sorted()
                .toList();
    }

    private static String describe(SecurityGroupRule rule) {
        String protocol = rule.ipProtocol().equals("-1") ? "all traffic" : rule.ipProtocol() + " "
                + (rule.fromPort().equals(rule.toPort()) ? rule.fromPort() : rule.fromPort() + "-" + rule.toPort());
        String peer = rule.cidrIpv4() != null ? rule.cidrIpv4() : rule.cidrIpv6() != null ? rule.cidrIpv6()
                : rule.referencedGroupInfo() != null ? rule.referencedGroupInfo().groupId() : rule.prefixListId();
        return protocol + " from " + peer;
    }

    /** Creates a group in the estate's VPC with these tags and ingress rules; returns its id. */
    public String group(String name, Map<String, String> tags, IpPermission... ingress) {
        String id = ec2.createSecurityGroup(r -> {
            r.groupName(name).description("cloudwarden demo: " + name).vpcId(vpcId);
            if (!tags.isEmpty()) { // EC2 refuses a tag specification without tags
                r.tagSpecifications(t -> t.resourceType("security-group").tags(tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
            }
        }).groupId();
        if (ingress.length > 0) {
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(ingress));
        }
        return id;
    }

    /** Creates a customer-managed prefix list (IPv4, or IPv6 when the first entry is) with these entries; returns its id. */
    public String prefixList(String name, String... cidrs) {
        return ec2.createManagedPrefixList(r -> r.prefixListName(name).maxEntries(Math.max(1, cidrs.length))
                .addressFamily(cidrs.length > 0 && cidrs[0].contains(":") ? "IPv6" : "IPv4")
                .entries(Arrays.stream(cidrs).map(cidr -> AddPrefixListEntry.builder().cidr(cidr).build()).toList()))
                .prefixList().prefixListId();
    }

    /** The id of the AWS-managed prefix list of {@code service} in the estate's region, such as {@code s3}. */
    public String awsManagedPrefixList(String service) {
        String name = "com.amazonaws." + REGION + "." + service;
        return ec2.describeManagedPrefixLists(r -> r.filters(f -> f.name("prefix-list-name").values(name)))
                .prefixLists().stream().findFirst().orElseThrow(() -> new IllegalStateException("no prefix list " + name))
                .prefixListId();
    }

    /** The entries of a prefix list, as "10.0.0.0/8", in the order the list has them. */
    public List<String> prefixListEntries(String prefixListId) {
        return ec2.getManagedPrefixListEntries(r -> r.prefixListId(prefixListId)).entries().stream()
                .map(PrefixListEntry::cidr).toList();
    }

    /** TCP on one port from a managed prefix list. */
    public static IpPermission tcpFromList(int port, String prefixListId) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .prefixListIds(PrefixListId.builder().prefixListId(prefixListId).build()).build();
    }

    public static IpPermission tcp(int port, String cidr) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port).ipRanges(r -> r.cidrIp(cidr)).build();
    }

    public static IpPermission tcpV6(int port, String cidr) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port).ipv6Ranges(r -> r.cidrIpv6(cidr)).build();
    }

    public static IpPermission all(String cidr) {
        return IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp(cidr)).build();
    }

    /** The SDK client the estate was seeded with, for tests that read or change it directly. */
    public Ec2Client ec2() {
        return ec2;
    }

    @Override
    public void close() {
        ec2.close();
    }
}
