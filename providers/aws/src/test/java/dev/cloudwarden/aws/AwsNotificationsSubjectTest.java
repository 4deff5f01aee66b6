package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The subject line SNS accepts: one line, no control characters, at most 100 characters. */
class AwsNotificationsSubjectTest {
    @Test
    void lineBreaksAndControlCharactersBecomeSpaces_andSurroundingSpaceGoes() {
        assertThat(AwsNotifications.subjectLine("  tag compliance\r\nus-east-1\t3 violations\u2028done\u0007 "))
                .isEqualTo("tag compliance  us-east-1 3 violations done");
    }

    @Test
    void isCutAt100Characters() {
        assertThat(AwsNotifications.subjectLine("a".repeat(150))).isEqualTo("a".repeat(100));
        assertThat(AwsNotifications.subjectLine("a".repeat(100))).hasSize(100);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String subject = "a".repeat(99) + "\uD83D\uDE80" + "b"; // a rocket across the 100th character

        String line = AwsNotifications.subjectLine(subject);

        assertThat(line).isEqualTo("a".repeat(99));
        assertThat(Character.isHighSurrogate(line.charAt(line.length() - 1))).isFalse();
    }

    @Test
    void nothingPrintable_isNoSubject() {
        assertThat(AwsNotifications.subjectLine(null)).isEmpty();
        assertThat(AwsNotifications.subjectLine(" \n\t ")).isEmpty();
    }
}
