package dev.cloudwarden.events.aws;

import java.util.regex.Pattern;

/**
 * What an AWS region name looks like: the shape providers/aws's {@code AwsRegions} checks before it builds a client,
 * checked here on an event's {@code region} before anything is built from it. A copy of that one pattern, because this
 * module must not depend on the provider (it would bring the AWS SDK along); keep the two in step.
 */
final class RegionNames {
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]{1,16}){1,3}-[0-9]{1,2}");
    /** An example for messages. */
    static final String EXAMPLES = "such as us-east-1 or eu-west-2";

    private RegionNames() {
    }

    static boolean isRegion(String name) {
        return name != null && name.length() <= 32 && REGION.matcher(name).matches();
    }
}
