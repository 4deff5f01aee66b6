package dev.cloudwarden.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events of events/aws: from CLOUDWARDEN_EVENTS_DIR (set by the build), else found by walking up. */
public final class SampleEvents {
    /** The group id the sample CloudTrail events name; tests replace it with the id the emulator gave. */
    public static final String SAMPLE_GROUP_ID = "sg-0a1b2c3d4e5f60718";

    private SampleEvents() {
    }

    public static Path awsDir() {
        String configured = System.getenv("CLOUDWARDEN_EVENTS_DIR");
        if (configured != null && Files.isDirectory(Path.of(configured, "aws"))) {
            return Path.of(configured, "aws");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events/aws"))) {
                return dir.resolve("events/aws");
            }
        }
        throw new IllegalStateException("events/aws not found from " + Path.of("").toAbsolutePath());
    }
}
