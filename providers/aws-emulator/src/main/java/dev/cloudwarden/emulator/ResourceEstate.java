package dev.cloudwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Seeds an emulator with taggable resources of several services — EC2 instances, volumes, snapshots,
 * images and security groups, and SNS topics (the non-EC2 resource the Tagging API finds) — and reads
 * their tags back through each service's own API, never through the Tagging API under test.
 *
 * <p>Also a topic with an SQS queue subscribed, to read what was published: the emulator delivers SNS
 * to SQS as AWS does.
 */
public final class ResourceEstate implements AutoCloseable {
    public static final String REGION = Ec2Estate.REGION;

    /** The tag sets {@link #seedMixed} cycles through: none, complete, partial, mis-cased key, wrong value. */
    public static final List<Map<String, String>> MIXED_TAGS = List.of(
            Map.of(),
            Map.of("owner", "team-a", "env", "prod", "cost-center", "cc-1"),
            Map.of("owner", "team-b"),
            Map.of("Owner", "team-a", "env", "prod"),
            Map.of("owner", "team-a", "env", "production"));

    private static final String INSTANCE_TYPE = "t3.micro";
    private static final String ZONE = REGION + "a";

    private final Ec2Client ec2;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> queueOfTopic = new HashMap<>();
    private String account;
    private String baseImage;
    private String baseVolume;
    private int sequence;

    public ResourceEstate(URI endpoint) {
        this.ec2 = client(Ec2Client.builder(), endpoint);
        this.sns = client(SnsClient.builder(), endpoint);
        this.sqs = client(SqsClient.builder(), endpoint);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.region(Region.of(REGION))
                .endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
                .build();
    }

    /** A running instance of the estate's own AMI, with these tags (none when empty); returns its id. */
    public String instance(Map<String, String> tags) {
        return instances(1, tags).getFirst();
    }

    /** {@code count} instances in one RunInstances call, all with these tags; returns their ids. */
    public List<String> instances(int count, Map<String, String> tags) {
        String image = baseImage();
        return ec2.runInstances(r -> r.imageId(image).instanceType(INSTANCE_TYPE).minCount(count).maxCount(count)
                        .tagSpecifications(tagging(ResourceType.INSTANCE, tags)))
                .instances().stream().map(i -> i.instanceId()).toList();
    }

    public String volume(Map<String, String> tags) {
        return ec2.createVolume(r -> r.availabilityZone(ZONE).size(1)
                .tagSpecifications(tagging(ResourceType.VOLUME, tags))).volumeId();
    }

    /** A snapshot of a volume the estate keeps for the purpose. */
    public String snapshot(Map<String, String> tags) {
        String volume = baseVolume();
        return ec2.createSnapshot(r -> r.volumeId(volume).description("cloudwarden test snapshot")
                .tagSpecifications(tagging(ResourceType.SNAPSHOT, tags))).snapshotId();
    }

    /**
     * An AMI registered from a snapshot. The emulator runs with MOTO_EC2_LOAD_DEFAULT_AMIS=false, so there
     * is no public AMI to start instances from: the estate registers its own.
     */
    public String image(Map<String, String> tags) {
        String snapshot = ec2.createSnapshot(r -> r.volumeId(baseVolume()).description("cloudwarden test image root"))
                .snapshotId();
        String id = ec2.registerImage(r -> r.name("cloudwarden-test-" + next()).rootDeviceName("/dev/sda1")
                .architecture("x86_64").virtualizationType("hvm")
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/sda1")
                        .ebs(e -> e.snapshotId(snapshot)).build())).imageId();
        // moto ignores RegisterImage's TagSpecifications: tag the image once it exists
        if (!tags.isEmpty()) {
            ec2.createTags(r -> r.resources(id).tags(ec2Tags(tags)));
        }
        return id;
    }

    /** A security group in the default VPC. */
    public String securityGroup(String name, Map<String, String> tags) {
        return ec2.createSecurityGroup(r -> r.groupName(name).description("cloudwarden test group " + name)
                .tagSpecifications(tagging(ResourceType.SECURITY_GROUP, tags))).groupId();
    }

    /** An SNS topic; returns its ARN. */
    public String topic(String name, Map<String, String> tags) {
        return sns.createTopic(r -> {
            r.name(name);
            if (!tags.isEmpty()) {
                r.tags(tags.entrySet().stream()
                        .map(e -> software.amazon.awssdk.services.sns.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList());
            }
        }).topicArn();
    }

    /** {@code count} topics named {@code prefix-0 … prefix-(count-1)}, all with these tags; returns their ARNs. */
    public List<String> topics(String prefix, int count, Map<String, String> tags) {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            arns.add(topic(prefix + "-" + i, tags));
        }
        return arns;
    }

    /**
     * {@code n} resources as a real account has them: kinds in turn (instance, volume, snapshot, security
     * group, image, topic) and tag sets in turn from {@link #MIXED_TAGS} — untagged, complete, partial,
     * {@code Owner} instead of {@code owner}, {@code production} instead of {@code prod}. Six kinds and
     * five tag sets: every pairing occurs within 30 resources. Returns their ids (ARNs for topics), in order.
     */
    public List<String> seedMixed(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> tags = MIXED_TAGS.get(i % MIXED_TAGS.size());
            ids.add(switch (i % 6) {
                case 0 -> instance(tags);
                case 1 -> volume(tags);
                case 2 -> snapshot(tags);
                case 3 -> securityGroup("mixed-" + next(), tags);
                case 4 -> image(tags);
                default -> topic("mixed-" + next(), tags);
            });
        }
        return ids;
    }

    /**
     * The tags a resource has now, read through its own service: DescribeTags for EC2 (short id or ARN),
     * ListTagsForResource for SNS topics.
     */
    public SortedMap<String, String> tagsOf(String id) {
        SortedMap<String, String> tags = new TreeMap<>();
        if (id.startsWith("arn:aws:sns:")) {
            sns.listTagsForResource(r -> r.resourceArn(id)).tags().forEach(t -> tags.put(t.key(), t.value()));
            return tags;
        }
        String shortId = id.startsWith("arn:aws:ec2:") ? id.substring(id.lastIndexOf('/') + 1) : id;
        if (shortId.startsWith("arn:")) {
            throw new IllegalArgumentException("the estate reads tags of EC2 resources and SNS topics only, not " + id);
        }
        ec2.describeTagsPaginator(r -> r.filters(filter("resource-id", shortId))).tags()
                .forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** The ARN of an EC2 resource, from its short id. Images and snapshots are named without the account, as in AWS. */
    public String ec2Arn(String shortId) {
        String type = shortId.startsWith("i-") ? "instance" : shortId.startsWith("vol-") ? "volume"
                : shortId.startsWith("snap-") ? "snapshot" : shortId.startsWith("sg-") ? "security-group"
                : shortId.startsWith("ami-") ? "image" : null;
        if (type == null) {
            throw new IllegalArgumentException("not an id of an instance, volume, snapshot, security group or image: " + shortId);
        }
        String owner = type.equals("image") || type.equals("snapshot") ? "" : account();
        return "arn:aws:ec2:" + REGION + ":" + owner + ":" + type + "/" + shortId;
    }

    /** The emulator's account, as EC2 reports the owner of the default security group. */
    public String account() {
        if (account == null) {
            account = ec2.describeSecurityGroups(r -> r.filters(filter("group-name", "default")))
                    .securityGroups().getFirst().ownerId();
        }
        return account;
    }

    /** Deletes one resource (an instance is terminated, an image deregistered); EC2 short ids or topic ARNs. */
    public void delete(String id) {
        if (id.startsWith("arn:aws:sns:")) {
            sns.deleteTopic(r -> r.topicArn(id));
        } else if (id.startsWith("i-")) {
            ec2.terminateInstances(r -> r.instanceIds(id));
        } else if (id.startsWith("vol-")) {
            ec2.deleteVolume(r -> r.volumeId(id));
        } else if (id.startsWith("snap-")) {
            ec2.deleteSnapshot(r -> r.snapshotId(id));
        } else if (id.startsWith("sg-")) {
            ec2.deleteSecurityGroup(r -> r.groupId(id));
        } else if (id.startsWith("ami-")) {
            ec2.deregisterImage(r -> r.imageId(id));
        } else {
            throw new IllegalArgumentException("the estate cannot delete " + id);
        }
    }

    public void stopInstance(String instanceId) {
        ec2.stopInstances(r -> r.instanceIds(instanceId));
    }

    /** The instance's state name (running, stopping, stopped …). */
    public String instanceState(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().getFirst()
                .instances().getFirst().state().nameAsString();
    }

    /** A new SNS topic with a new SQS queue subscribed to it; returns the topic's ARN. */
    public String createTopicWithQueue() {
        String name = "notifications-" + next();
        String topic = sns.createTopic(r -> r.name(name)).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName(name + "-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
        queueOfTopic.put(topic, queueUrl);
        return topic;
    }

    /** One message SNS delivered to the queue: the id Publish returned, the subject (empty if none), the text. */
    public record Delivered(String messageId, String subject, String message) {
    }

    /**
     * The messages delivered to the queue of a topic made by {@link #createTopicWithQueue()} since the last
     * call, read from the SNS envelope SQS holds, and deleted from the queue once read.
     */
    public List<Delivered> delivered(String topicArn) {
        String queueUrl = queueOfTopic.get(topicArn);
        if (queueUrl == null) {
            throw new IllegalArgumentException("no queue subscribed by this estate to " + topicArn);
        }
        List<Delivered> delivered = new ArrayList<>();
        int wait = 1; // delivery is synchronous in the emulator: wait once, then drain what is there
        while (true) {
            int seconds = wait;
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(seconds))
                    .messages();
            if (batch.isEmpty()) {
                return delivered;
            }
            for (Message message : batch) {
                delivered.add(envelope(message.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            wait = 0;
        }
    }

    private Delivered envelope(String body) {
        try {
            JsonNode envelope = json.readTree(body);
            return new Delivered(envelope.path("MessageId").asText(), envelope.path("Subject").asText(""),
                    envelope.path("Message").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not an SNS envelope: " + body, e);
        }
    }

    /** The SDK client the estate seeds EC2 with, for tests that read or change it directly. */
    public Ec2Client ec2() {
        return ec2;
    }

    private String baseImage() {
        if (baseImage == null) {
            baseImage = image(Map.of());
        }
        return baseImage;
    }

    private String baseVolume() {
        if (baseVolume == null) {
            baseVolume = volume(Map.of());
        }
        return baseVolume;
    }

    private int next() {
        return sequence++;
    }

    /** The tag specification for a create call; none when there are no tags (EC2 refuses an empty one). */
    private static List<TagSpecification> tagging(ResourceType type, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        return List.of(TagSpecification.builder().resourceType(type).tags(ec2Tags(tags)).build());
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static List<Tag> ec2Tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    @Override
    public void close() {
        ec2.close();
        sns.close();
        sqs.close();
    }
}
