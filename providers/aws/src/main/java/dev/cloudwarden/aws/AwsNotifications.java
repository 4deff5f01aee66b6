package dev.cloudwarden.aws;

import dev.cloudwarden.api.NotificationOps;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes to an SNS topic. The subject is made acceptable to SNS (one line, at most 100 characters)
 * rather than refused: it is a summary, and a lost notification costs more than a shortened one.
 *
 * <p>IAM actions used: sns:Publish.
 */
final class AwsNotifications implements NotificationOps {
    /** SNS's default limit for a message, in UTF-8 bytes (256 KiB). */
    static final int MAX_MESSAGE_BYTES = 262_144;
    /** SNS's limit for a subject, in characters. */
    static final int MAX_SUBJECT_CHARS = 100;

    private final Supplier<SnsClient> sns;

    AwsNotifications(Supplier<SnsClient> sns) {
        this.sns = sns;
    }

    @Override
    public String publish(String topic, String subject, String message) {
        int bytes = message.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("the message is " + bytes + " bytes in UTF-8; SNS accepts at most "
                    + MAX_MESSAGE_BYTES);
        }
        String line = subjectLine(subject);
        try {
            return sns.get().publish(r -> {
                r.topicArn(topic).message(message);
                if (!line.isEmpty()) { // SNS refuses an empty subject: leave it out instead
                    r.subject(line);
                }
            }).messageId();
        } catch (SdkException e) {
            throw AwsErrors.translate("sns:Publish", e);
        }
    }

    @Override
    public int maxMessageBytes() {
        return MAX_MESSAGE_BYTES;
    }

    /**
     * The subject as SNS accepts it: line breaks and control characters become spaces, surrounding space
     * goes (it must begin with a letter, digit or punctuation), and it is cut to 100 characters without
     * splitting a surrogate pair.
     */
    static String subjectLine(String subject) {
        if (subject == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(subject.length());
        subject.codePoints().forEach(c -> line.appendCodePoint(isLineBreakOrControl(c) ? ' ' : c));
        String clean = line.toString().strip();
        if (clean.length() <= MAX_SUBJECT_CHARS) {
            return clean;
        }
        int end = MAX_SUBJECT_CHARS;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end).stripTrailing();
    }

    private static boolean isLineBreakOrControl(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
