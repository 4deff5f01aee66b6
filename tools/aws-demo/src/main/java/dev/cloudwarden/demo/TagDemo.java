package dev.cloudwarden.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.cli.TextSummary;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.events.aws.AwsEventDecoder;
import dev.cloudwarden.events.aws.AwsEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tag part of the demo, with a clock the demo moves: untagged and mis-tagged resources found,
 * fixed where the policy allows, the rest marked; a new instance's creator recorded from its
 * CloudTrail event; three days later the instance still unfixed is stopped and the fixed one unmarked.
 */
final class TagDemo {
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private TagDemo() {
    }

    /** Returns true when every step did what the policy says. */
    static boolean run(URI endpoint, Policy policy, PrintWriter out) {
        try (ResourceEstate estate = new ResourceEstate(endpoint)) {
            Map<String, String> resources = new LinkedHashMap<>();
            resources.put("web-1", estate.instance(Map.of("Name", "web-1", "Owner", "alice@example.com",
                    "environment", "prod", "cost-centre", "cc-1001")));
            resources.put("batch-1", estate.instance(Map.of("Name", "batch-1")));
            resources.put("api-1", estate.instance(Map.of("Name", "api-1", "owner", "bob@example.com",
                    "environment", "staging", "cost-centre", "cc-2002")));
            resources.put("data", estate.volume(Map.of("Name", "data", "owner", "bob@example.com", "environment", "production")));
            resources.put("scratch", estate.volume(Map.of()));
            resources.put("golden", estate.volume(Map.of("Name", "golden", "cloudwarden:exempt", "true")));
            ProviderConfig config = ProviderConfig.of(ResourceEstate.REGION).withEndpoint(endpoint);

            out.println("== Tags: the estate (instances and volumes; the emulator adds root volumes of its own) ==");
            printTags(estate, resources, out);

            out.println();
            out.println("== 5. Dry run on " + START + ": every non-compliant resource, even never-tagged ones ==");
            TextSummary.print(run(policy, config, RunRequest.sweep(Trigger.MANUAL, true), START), out);

            out.println();
            out.println("== 6. Apply: defaults added, key case fixed, instances still lacking a cost-centre marked ==");
            RunReport applied = run(policy, config, RunRequest.sweep(Trigger.MANUAL, false), START);
            TextSummary.print(applied, out);
            printTags(estate, resources, out);

            out.println();
            out.println("== 7. An instance is launched: its CloudTrail event records the creator at once ==");
            String launched = estate.instance(Map.of("Name", "adhoc-1"));
            resources.put("adhoc-1", launched);
            DecodedEvent event = runInstancesEvent(launched);
            RunReport onEvent = run(policy, config, event.request(Trigger.EVENT, false),
                    START.plus(Duration.ofMinutes(5)));
            TextSummary.print(onEvent, out);
            printTags(estate, Map.of("adhoc-1", launched), out);

            out.println();
            out.println("== 8. adhoc-1 gets its cost-centre by hand; batch-1 does not ==");
            estate.ec2().createTags(r -> r.resources(launched).tags(t -> t.key("cost-centre").value("cc-3003")));
            Instant later = START.plus(Duration.ofDays(3)).plus(Duration.ofHours(1));
            out.println();
            out.println("== 9. Three days later (" + later + "): batch-1 is stopped, adhoc-1's mark removed ==");
            RunReport due = run(policy, config, RunRequest.sweep(Trigger.SCHEDULE, false), later);
            TextSummary.print(due, out);
            printTags(estate, Map.of("batch-1", resources.get("batch-1"), "adhoc-1", launched), out);
            out.printf("  batch-1 is %s, web-1 is %s%n", estate.instanceState(resources.get("batch-1")),
                    estate.instanceState(resources.get("web-1")));

            return applied.complete() && onEvent.complete() && due.complete()
                    && estate.instanceState(resources.get("batch-1")).equals("stopped")
                    && estate.instanceState(resources.get("web-1")).equals("running")
                    && estate.tagsOf(resources.get("web-1")).containsKey("owner")
                    && !estate.tagsOf(launched).containsKey("cloudwarden:marked-for-op")
                    && estate.tagsOf(launched).containsKey("created-by");
        }
    }

    private static RunReport run(Policy policy, ProviderConfig config, RunRequest request, Instant now) {
        return LocalAudit.run(policy, TagCompliance.OPERATION, config, request, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The sample RunInstances event (events/aws, packaged with the demo), naming the instance just launched instead of the sample's two. */
    private static DecodedEvent runInstancesEvent(String instanceId) {
        try (InputStream in = TagDemo.class.getResourceAsStream("events/cloudtrail-run-instances.json")) {
            var json = AwsEvents.JSON.parse(in);
            var items = (ArrayNode) json.at("/detail/responseElements/instancesSet/items");
            items.remove(1);
            ((ObjectNode) items.get(0)).put("instanceId", instanceId);
            return new AwsEventDecoder().cloudTrail(json, TagCompliance.OPERATION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printTags(ResourceEstate estate, Map<String, String> resources, PrintWriter out) {
        resources.forEach((name, id) -> out.printf("  %-8s %-21s %s%n", name, id, estate.tagsOf(id)));
    }
}
