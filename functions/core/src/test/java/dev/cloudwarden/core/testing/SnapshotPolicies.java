package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot-lifecycle policies and the disks, instances and snapshots they act on, for tests. A policy is
 * written as the {@code snapshotLifecycle} section of an AWS policy file, so it reads like the one an
 * operator deploys: {@code snapshotPolicy("plans: [{name: daily, schedule: \"cron(0 3 * * ? *)\", …}]")}.
 * Resources are built the way an operator describes them:
 * {@code disk("vol-a").tag("backup", "daily").build()},
 * {@code instance("i-db").boot("vol-root").disks("vol-data").tag("backup", "set").build()},
 * {@code snapshot("snap-old").of("vol-a").plan("daily").window("2026-11-29T03:00:00Z").build()}.
 * Everything lives in {@link Firewalls#ACCOUNT} and {@link Firewalls#REGION} unless told otherwise.
 */
public final class SnapshotPolicies {
    public static final String VOLUME_TYPE = "ec2:volume";
    public static final String INSTANCE_TYPE = "ec2:instance";
    /** Before every window the tests use: a disk this old has been through all of them. */
    public static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    private SnapshotPolicies() {
    }

    /** The {@code snapshotLifecycle} section of an AWS policy, in YAML. */
    public static SnapshotLifecyclePolicy snapshotPolicy(String snapshotLifecycleYaml) {
        return PolicyLoader.parse("version: 1\ncloud: aws\nsnapshotLifecycle:\n" + snapshotLifecycleYaml.indent(2), "test policy")
                .section(SnapshotLifecyclePolicy.class).orElseThrow();
    }

    public static DiskBuilder disk(String id) {
        return new DiskBuilder(id);
    }

    public static InstanceBuilder instance(String id) {
        return new InstanceBuilder(id);
    }

    public static SnapshotBuilder snapshot(String id) {
        return new SnapshotBuilder(id);
    }

    /** A volume created {@link #LONG_AGO}, detached and untagged until told otherwise. */
    public static final class DiskBuilder {
        private final String id;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private Instant createdAt = LONG_AGO;
        private final List<String> attachedTo = new ArrayList<>();

        private DiskBuilder(String id) {
            this.id = id;
        }

        public DiskBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public DiskBuilder createdAt(String instant) {
            this.createdAt = Instant.parse(instant);
            return this;
        }

        public DiskBuilder attachedTo(String... instanceIds) {
            attachedTo.addAll(Arrays.asList(instanceIds));
            return this;
        }

        public Disk build() {
            return new Disk(new ResourceRef(CloudId.AWS, Firewalls.ACCOUNT, Firewalls.REGION, VOLUME_TYPE, id, "", Tags.of(tags)),
                    8, Firewalls.REGION + "a", createdAt, attachedTo);
        }
    }

    /** An instance with no disk and no tag until told otherwise. */
    public static final class InstanceBuilder {
        private final String id;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String bootDiskId = "";
        private final List<String> diskIds = new ArrayList<>();

        private InstanceBuilder(String id) {
            this.id = id;
        }

        public InstanceBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** The disk it boots from, attached first. */
        public InstanceBuilder boot(String diskId) {
            this.bootDiskId = diskId;
            diskIds.addFirst(diskId);
            return this;
        }

        /** More attached disks, in order. */
        public InstanceBuilder disks(String... ids) {
            diskIds.addAll(Arrays.asList(ids));
            return this;
        }

        public Instance build() {
            return new Instance(new ResourceRef(CloudId.AWS, Firewalls.ACCOUNT, Firewalls.REGION, INSTANCE_TYPE, id, "", Tags.of(tags)),
                    bootDiskId, diskIds);
        }
    }

    /**
     * A completed snapshot in {@link Firewalls#REGION}, tagged as cloudwarden tags its own: {@code plan(…)} writes
     * {@code cloudwarden:plan}, {@code window(…)} writes {@code cloudwarden:window} (and the snapshot starts five
     * minutes into it), and a snapshot with a plan gets {@code cloudwarden:volume} = its disk unless {@link #volume}
     * names another. A copy ({@link #copyOf}) lives in another region ({@link #in}) and records no disk, as EBS copies do.
     */
    public static final class SnapshotBuilder {
        private final String id;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String region = Firewalls.REGION;
        private String diskId = "";
        private String volume;
        private Instant startedAt = LONG_AGO;
        private boolean startedAtSet;
        private Snapshot.State state = Snapshot.State.COMPLETED;

        private SnapshotBuilder(String id) {
            this.id = id;
        }

        /** Taken of this disk. */
        public SnapshotBuilder of(String diskId) {
            this.diskId = diskId;
            return this;
        }

        public SnapshotBuilder plan(String name) {
            return tag("cloudwarden:plan", name);
        }

        public SnapshotBuilder window(String windowStart) {
            tags.put("cloudwarden:window", windowStart);
            if (!startedAtSet) {
                startedAt = Instant.parse(windowStart).plus(Duration.ofMinutes(5));
            }
            return this;
        }

        /** The {@code cloudwarden:volume} tag, for a copy (which records no disk of its own). */
        public SnapshotBuilder volume(String volumeId) {
            this.volume = volumeId;
            return this;
        }

        /** A copy of {@code originalId}, made from {@code fromRegion}. */
        public SnapshotBuilder copyOf(String originalId, String fromRegion) {
            tags.put("cloudwarden:copy-of", originalId);
            tags.put("cloudwarden:copy-of-region", fromRegion);
            return this;
        }

        /** Where it lives. */
        public SnapshotBuilder in(String snapshotRegion) {
            this.region = snapshotRegion;
            return this;
        }

        public SnapshotBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public SnapshotBuilder startedAt(String instant) {
            this.startedAt = Instant.parse(instant);
            this.startedAtSet = true;
            return this;
        }

        public SnapshotBuilder pending() {
            return state(Snapshot.State.PENDING);
        }

        public SnapshotBuilder failed() {
            return state(Snapshot.State.FAILED);
        }

        public SnapshotBuilder state(Snapshot.State snapshotState) {
            this.state = snapshotState;
            return this;
        }

        public Snapshot build() {
            Map<String, String> all = new LinkedHashMap<>(tags);
            if (volume != null) {
                all.put("cloudwarden:volume", volume);
            } else if (all.containsKey("cloudwarden:plan") && !diskId.isEmpty()) {
                all.put("cloudwarden:volume", diskId);
            }
            return new Snapshot(new ResourceRef(CloudId.AWS, Firewalls.ACCOUNT, region, InMemoryCloud.SNAPSHOT_TYPE, id, "",
                    Tags.of(all)), diskId, startedAt, state, "");
        }
    }
}
