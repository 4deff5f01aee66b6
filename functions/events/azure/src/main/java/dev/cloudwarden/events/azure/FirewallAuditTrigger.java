package dev.cloudwarden.events.azure;

import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.trigger.DecodedEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The security-group audit evaluates the one network security group a write may have opened to new traffic, within
 * seconds of the write. Both a write of the NSG (its rules inline) and a write of one of its security rules name it: the
 * rule's id is cut at the NSG. The event carries no body, so the audit reads the NSG as it is now.
 *
 * <p>cloudwarden's own narrowing of a rule is a security-rule write too, and comes back as an event: its caller is the
 * function's managed identity, by object id ({@link ResourceEvent#caller()}), for whoever runs the event to recognise.
 */
public final class FirewallAuditTrigger implements AzureTrigger {
    static final String NETWORK = "Microsoft.Network";
    static final String NSGS = "networkSecurityGroups";
    static final String RULES = "securityRules";
    /** ARM operations that can open an NSG to new traffic (a new NSG too: its rules come with it). */
    public static final Set<String> NSG_WRITES = Set.of(NETWORK + "/" + NSGS + "/write", NETWORK + "/" + NSGS + "/" + RULES + "/write");
    /**
     * An NSG's or a security rule's name as ARM allows it: 1 to 80 letters, digits, {@code _ . -}, starting with a letter
     * or digit and ending with one or {@code _}.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?");

    @Override
    public String operation() {
        return FirewallAudit.OPERATION;
    }

    @Override
    public Map<String, Set<String>> operations() {
        return Map.of(AzureEvents.RESOURCE_WRITE_SUCCESS, NSG_WRITES);
    }

    /** The NSG written, or whose rule was written, by its canonical id; with the caller, so that one's own writes can be told. */
    @Override
    public DecodedEvent resourceEvent(ResourceEvent event) {
        String expected = "a network security group's id or one of its security rules' (/subscriptions/{GUID}/resourceGroups/{group}"
                + "/providers/Microsoft.Network/networkSecurityGroups/{name}[/securityRules/{rule}])";
        ResourceId id = ResourceId.parse(event.resourceUri())
                .filter(r -> r.isA(NETWORK, NSGS) || r.isA(NETWORK, NSGS, RULES))
                .filter(r -> r.names().stream().allMatch(name -> NAME.matcher(name).matches()))
                .orElseThrow(() -> event.namesNo("network security group", expected));
        return event.named(List.of(id.canonical(NETWORK, NSGS)), event.caller());
    }
}
