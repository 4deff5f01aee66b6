package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cloudwarden.core.tags.TagCompliancePolicy.ValueRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tag-value pattern is RE2 syntax, matched in time linear in the value: a pattern that backtracks for minutes in
 * Java's engine is answered at once, and what RE2 cannot do in linear time is refused at load, each construct named.
 */
class ValuePatternTest {

    @Test
    void polynomialBacktrackingInJava_isAnsweredAtOnce_onA49CharacterValueAnyoneCanSet() {
        // java.util.regex takes minutes on this pair (issue 21); RE2/J is linear in the value
        ValueRule rule = new ValueRule.Matching(ValuePattern.compile("(.*a){20}$"));
        String value = "a".repeat(48) + "b";

        boolean accepted = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rule.accepts(value));

        assertThat(accepted).isFalse();
        assertThat(rule.accepts("a".repeat(49))).isTrue();
    }

    @Test
    void theWholeValueMustStillMatch() {
        ValueRule rule = new ValueRule.Matching(ValuePattern.compile("[a-z0-9.-]+@example\\.com"));

        assertThat(rule.accepts("alice@example.com")).isTrue();
        assertThat(rule.accepts("alice@example.com.evil")).isFalse();
        assertThat(rule.accepts("x alice@example.com")).isFalse();
        assertThat(rule.accepts("alice@example.com\n")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a-z0-9-]{1,256}", "cc-[0-9]{4}", "(prod|staging|dev)", "(?i)owner-[[:alnum:]]+", "\\p{L}+",
            "(?P<team>[a-z]+)-[0-9]{1,3}", "\\Qa.b\\E", "[]a]+", "[^]]+", "((\\d{1,3})\\.){3}\\d{1,3}"})
    void ordinaryPatternsCompile(String pattern) {
        assertThat(ValuePattern.compile(pattern).pattern()).isEqualTo(pattern);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
            "(a+)\\1 => backreferences such as \\1 are not supported",
            "(?<x>a)\\k<x> => named backreferences (\\k<name>) are not supported",
            "(?=.*@)[a-z@.]+ => lookahead (?=…) is not supported",
            "(?!root)[a-z]+ => lookahead (?!…) is not supported",
            "[a-z]+(?<=team) => lookbehind (?<=…) is not supported",
            "[a-z]+(?<!team) => lookbehind (?<!…) is not supported",
            "(?>a|ab)c => atomic groups (?>…) are not supported",
            "[a-z]*+@x => possessive quantifiers such as *+ are not supported",
            "a++ => possessive quantifiers such as ++ are not supported",
            "\\p{javaLowerCase}+ => the character class \\p{javaLowerCase} is not supported",
            "'(?x) a # b' => the group or flag (?x is not supported",
            "[a-z]+\\Z => the escape \\Z is not supported",
            "cc-[0-9 => not a valid regular expression: missing closing ]: [0-9"})
    void whatRe2CannotDoInLinearTime_isRefusedNamingTheConstruct(String pattern, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> ValuePattern.compile(pattern.strip()))
                .withMessageStartingWith(message)
                .withMessageContaining("patterns are RE2 syntax, matched in linear time");
    }

    @Test
    void javasClassIntersection_whichRe2WouldReadAsTwoAmpersands_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValuePattern.compile("[a-z&&[^aeiou]]+"))
                .withMessageStartingWith("character class intersection (&&");
    }

    @Test
    void javasNestedClass_whichRe2WouldReadAsALiteralBracket_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValuePattern.compile("[a-c[x-z]]+"))
                .withMessageStartingWith("a '[' inside a character class is a nested class in Java");
    }

    @Test
    void nestedCountedRepetitions_thatWouldFillTheHeapWhenCompiled_areRefused() {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ValuePattern.compile("(((a{1000}){1000}){1000}){1000}")));

        assertThat(e).hasMessageStartingWith("the pattern's counted repetitions ({n}) multiply to more than 5000 characters");
    }

    @Test
    void theSizeEstimate_writesOutCountedRepetitions_andStopsAtTheLimit() {
        assertThat(ValuePattern.size("abc")).isEqualTo(3);
        assertThat(ValuePattern.size("a{3}")).isEqualTo(3);
        assertThat(ValuePattern.size("(ab){10}")).isEqualTo(30);
        assertThat(ValuePattern.size("[a-z0-9-]{1,256}")).isEqualTo(256);
        assertThat(ValuePattern.size("\\{1000}")).as("an escaped brace is no repetition").isEqualTo(6);
        assertThat(ValuePattern.size("[{]{1000}")).isEqualTo(1000);
        assertThat(ValuePattern.size("((a{1000}){1000}){1000}")).isGreaterThan(ValuePattern.MAX_SIZE);
    }

    @Test
    void groupsNestedDeeperThan50_areRefusedBeforeRe2sRecursiveCompilerSeesThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValuePattern.compile("(".repeat(51) + "a" + ")".repeat(51)))
                .withMessage("groups nest more than 50 deep");
        assertThat(ValuePattern.compile("(".repeat(50) + "a" + ")".repeat(50))).isNotNull();
    }

    @Test
    void aPatternLongerThan1000Characters_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValuePattern.compile("a".repeat(1001)))
                .withMessage("a pattern has at most 1000 characters, got 1001");
        assertThat(ValuePattern.compile("a".repeat(1000))).isNotNull();
    }

    @Test
    void theLoaderNamesTheFieldAndLine_ofARefusedPattern() {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.parse("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: owner
                      pattern: "(a+)\\\\1"
                """, "policy.yaml"));

        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("tagCompliance.required[0].pattern");
            assertThat(error.line()).isEqualTo(7);
            assertThat(error.problem()).startsWith("backreferences such as \\1 are not supported");
        });
    }
}
