package dev.cloudwarden.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node SSM manages, as {@code DescribeInstanceInformation} describes it: what a test tells the
 * {@link SsmGapServer} exists, since moto knows no SSM agent. {@code i-…} ids are EC2 instances, {@code mi-…}
 * ids hybrid managed instances, as in SSM. The optional members ({@code platformVersion}, {@code ipAddress},
 * {@code computerName}) may be null and are then left out of the answer. {@code tags} are the node's SSM tags —
 * those {@code ListTagsForResource} gives for a {@code ManagedInstance} and the {@code tag:} filters of
 * {@code DescribeInstanceInformation} match; an EC2 instance's tags are EC2's, in moto.
 *
 * @param pingStatus   {@code Online}, {@code ConnectionLost} or {@code Inactive}
 * @param platformType {@code Windows}, {@code Linux} or {@code MacOS}
 * @param platformName as the agent reports it, e.g. {@code Amazon Linux}, {@code Microsoft Windows Server 2022 Datacenter}
 * @param agentVersion the SSM agent's version, {@code 3.3.1142.0} style
 */
public record SsmManagedInstance(String instanceId, String pingStatus, String platformType, String platformName,
                              String platformVersion, String agentVersion, String ipAddress, String computerName,
                              Instant lastPingDateTime, Map<String, String> tags) {
    public static final List<String> PING_STATUSES = List.of("Online", "ConnectionLost", "Inactive");
    public static final List<String> PLATFORM_TYPES = List.of("Windows", "Linux", "MacOS");
    /** Any well-formed agent version: tests that do not care about it get this one. */
    public static final String AGENT_VERSION = "3.3.1142.0";

    static final Pattern INSTANCE_ID = Pattern.compile("(^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)");
    private static final Pattern VERSION = Pattern.compile("^[0-9]{1,6}(\\.[0-9]{1,6}){2,3}$");

    public SsmManagedInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        if (!INSTANCE_ID.matcher(instanceId).find()) {
            throw new IllegalArgumentException("not an SSM instance id (i-… or mi-…): " + instanceId);
        }
        if (!PING_STATUSES.contains(pingStatus)) {
            throw new IllegalArgumentException("pingStatus is one of " + PING_STATUSES + ", not " + pingStatus);
        }
        if (!PLATFORM_TYPES.contains(platformType)) {
            throw new IllegalArgumentException("platformType is one of " + PLATFORM_TYPES + ", not " + platformType);
        }
        Objects.requireNonNull(platformName, "platformName");
        if (agentVersion == null || !VERSION.matcher(agentVersion).find()) {
            throw new IllegalArgumentException("agentVersion must look like 3.3.1142.0, not " + agentVersion);
        }
        Objects.requireNonNull(lastPingDateTime, "lastPingDateTime");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** An instance whose agent is online and last pinged at {@code lastPing}; no version, address or computer name. */
    public static SsmManagedInstance online(String instanceId, String platformType, String platformName, Instant lastPing) {
        return new SsmManagedInstance(instanceId, "Online", platformType, platformName, null, AGENT_VERSION, null, null, lastPing,
                Map.of());
    }

    public SsmManagedInstance withPingStatus(String status) {
        return new SsmManagedInstance(instanceId, status, platformType, platformName, platformVersion, agentVersion, ipAddress,
                computerName, lastPingDateTime, tags);
    }

    public SsmManagedInstance withTags(Map<String, String> changed) {
        return new SsmManagedInstance(instanceId, pingStatus, platformType, platformName, platformVersion, agentVersion, ipAddress,
                computerName, lastPingDateTime, changed);
    }

    /** {@code EC2Instance} or {@code ManagedInstance}, from the id. */
    public String resourceType() {
        return instanceId.startsWith("mi-") ? "ManagedInstance" : "EC2Instance";
    }
}
