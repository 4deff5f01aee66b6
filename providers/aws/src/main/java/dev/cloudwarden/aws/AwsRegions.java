package dev.cloudwarden.aws;

import java.util.regex.Pattern;

/**
 * What an AWS region name looks like, checked before any SDK client is built with it. The SDK takes any string as a
 * region and fails only when it builds the client's endpoint from it (a space or a '/' makes an invalid host name) or,
 * worse, sends a request to a host the name makes up ({@code ../../etc}). AWS's names are a partition-specific prefix,
 * one or more words and a number: {@code us-east-1}, {@code us-gov-west-1}, {@code cn-northwest-1},
 * {@code us-isob-east-1}, {@code eusc-de-east-1}. The list of regions grows, so this checks the shape, not a list.
 */
public final class AwsRegions {
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]{1,16}){1,3}-[0-9]{1,2}");
    /** An example for messages. */
    public static final String EXAMPLES = "such as us-east-1 or eu-west-2";

    private AwsRegions() {
    }

    /** Whether {@code name} has the shape of an AWS region name. */
    public static boolean isRegion(String name) {
        return name != null && name.length() <= 32 && REGION.matcher(name).matches();
    }

    /**
     * {@code name}, when it is shaped like an AWS region name.
     *
     * @param what where the name comes from, for the message ({@code "--region"}, {@code "AWS_REGION"})
     * @throws IllegalArgumentException saying so in one sentence, otherwise
     */
    public static String check(String name, String what) {
        if (!isRegion(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' is not an AWS region name (" + EXAMPLES + ")");
        }
        return name;
    }
}
