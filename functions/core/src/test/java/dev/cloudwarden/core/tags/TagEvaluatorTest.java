package dev.cloudwarden.core.tags;

import static dev.cloudwarden.core.testing.TagPolicies.VOLUME;
import static dev.cloudwarden.core.testing.TagPolicies.instance;
import static dev.cloudwarden.core.testing.TagPolicies.pairs;
import static dev.cloudwarden.core.testing.TagPolicies.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.re2j.Pattern;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.tags.TagCompliancePolicy.KeyCase;
import dev.cloudwarden.core.tags.TagCompliancePolicy.RequiredTag;
import dev.cloudwarden.core.tags.TagCompliancePolicy.ValueRule;
import dev.cloudwarden.core.tags.TagViolation.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagEvaluatorTest {
    private static final RequiredTag OWNER = rule("owner", KeyCase.EXACT, new ValueRule.AnyValue());
    private static final RequiredTag OWNER_ANY_CASE = rule("owner", KeyCase.INSENSITIVE, new ValueRule.AnyValue());
    private static final RequiredTag ENV = rule("env", KeyCase.EXACT, new ValueRule.OneOf(List.of("prod", "dev")));
    private static final RequiredTag COST_CENTER = rule("cost-center", KeyCase.EXACT,
            new ValueRule.Matching(Pattern.compile("cc-[0-9]{4}")));

    private static RequiredTag rule(String key, KeyCase keyCase, ValueRule values) {
        return new RequiredTag(key, keyCase, values, Optional.empty(), Set.of(), Map.of());
    }

    private static List<TagViolation> evaluate(List<RequiredTag> rules, ResourceRef resource) {
        return new TagEvaluator(rules).evaluate(resource, resource.tags().values());
    }

    @Test
    void aResourceWithoutTheKeyMissesIt() {
        assertThat(evaluate(List.of(OWNER), instance("i-1", "team", "web"))).containsExactly(
                new TagViolation(OWNER, Kind.MISSING, List.of(), Optional.empty()));
    }

    @Test
    void aResourceCarryingEveryTagWithAnAcceptedValueComplies() {
        assertThat(evaluate(List.of(OWNER, ENV, COST_CENTER),
                instance("i-1", "owner", "alice", "env", "prod", "cost-center", "cc-0042"))).isEmpty();
    }

    @Test
    void anExactRuleReportsAnotherSpellingAsWrongCaseCarryingItsValue() {
        assertThat(evaluate(List.of(OWNER), instance("i-1", "Owner", "alice"))).containsExactly(
                new TagViolation(OWNER, Kind.WRONG_CASE, List.of("Owner"), Optional.of("alice")));
    }

    @Test
    void anExactRuleStillJudgesTheValueOfTheOnlyOtherSpelling() {
        assertThat(evaluate(List.of(ENV), instance("i-1", "Env", "staging"))).containsExactly(
                new TagViolation(ENV, Kind.WRONG_CASE, List.of("Env"), Optional.of("staging")),
                new TagViolation(ENV, Kind.INVALID_VALUE, List.of(), Optional.of("staging")));
    }

    @Test
    void anInsensitiveRuleAcceptsAnotherSpelling() {
        assertThat(evaluate(List.of(OWNER_ANY_CASE), instance("i-1", "OWNER", "alice"))).isEmpty();
    }

    @Test
    void anInsensitiveRuleStillChecksTheValueUnderAnotherSpelling() {
        RequiredTag env = rule("env", KeyCase.INSENSITIVE, new ValueRule.OneOf(List.of("prod", "dev")));

        assertThat(evaluate(List.of(env), instance("i-1", "Env", "staging"))).containsExactly(
                new TagViolation(env, Kind.INVALID_VALUE, List.of(), Optional.of("staging")));
        assertThat(evaluate(List.of(OWNER_ANY_CASE), instance("i-2", "Owner", ""))).containsExactly(
                new TagViolation(OWNER_ANY_CASE, Kind.INVALID_VALUE, List.of(), Optional.of("")));
    }

    @Test
    void twoOtherSpellingsAreOneWrongCaseNamingBothAndNoValueIsJudged() {
        ResourceRef resource = instance("i-1", "Owner", "alice", "OWNER", "");

        assertThat(evaluate(List.of(OWNER), resource)).containsExactly(
                new TagViolation(OWNER, Kind.WRONG_CASE, List.of("OWNER", "Owner"), Optional.empty()));
    }

    @Test
    void theExactKeyIsJudgedEvenWhenOtherSpellingsAreThereToo() {
        assertThat(evaluate(List.of(ENV), instance("i-1", "env", "prod", "ENV", "nonsense"))).isEmpty();
        assertThat(evaluate(List.of(ENV), instance("i-2", "env", "staging", "ENV", "prod"))).containsExactly(
                new TagViolation(ENV, Kind.INVALID_VALUE, List.of(), Optional.of("staging")));
    }

    @Test
    void aValueOutsideTheAllowedListIsInvalidAndCaseMatters() {
        assertThat(evaluate(List.of(ENV), instance("i-1", "env", "staging"))).containsExactly(
                new TagViolation(ENV, Kind.INVALID_VALUE, List.of(), Optional.of("staging")));
        assertThat(evaluate(List.of(ENV), instance("i-2", "env", "Prod"))).containsExactly(
                new TagViolation(ENV, Kind.INVALID_VALUE, List.of(), Optional.of("Prod")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cc-12345", "xcc-1234", "cc-1234 ", "cc-12a4", ""})
    void aPatternMustMatchTheWholeValueNotJustPartOfIt(String value) {
        assertThat(evaluate(List.of(COST_CENTER), instance("i-1", "cost-center", value))).containsExactly(
                new TagViolation(COST_CENTER, Kind.INVALID_VALUE, List.of(), Optional.of(value)));
    }

    @Test
    void anEmptyValueIsNotAcceptedAsAnyValue() {
        assertThat(evaluate(List.of(OWNER), instance("i-1", "owner", ""))).containsExactly(
                new TagViolation(OWNER, Kind.INVALID_VALUE, List.of(), Optional.of("")));
    }

    @Test
    void anEmptyValueIsAcceptedOnlyWhenTheRuleListsIt() {
        RequiredTag optionalNote = rule("note", KeyCase.EXACT, new ValueRule.OneOf(List.of("", "n/a")));

        assertThat(evaluate(List.of(optionalNote), instance("i-1", "note", ""))).isEmpty();
    }

    @Test
    void aRuleScopedToInstancesIgnoresVolumes() {
        RequiredTag backup = new RequiredTag("backup", KeyCase.EXACT, new ValueRule.AnyValue(), Optional.empty(),
                Set.of(VOLUME), Map.of());

        assertThat(evaluate(List.of(backup), instance("i-1"))).isEmpty();
        assertThat(evaluate(List.of(backup), volume("vol-1"))).containsExactly(
                new TagViolation(backup, Kind.MISSING, List.of(), Optional.empty()));
    }

    @Test
    void aRuleWithWhenAppliesOnlyToResourcesCarryingEveryWhenTag() {
        RequiredTag costCenter = new RequiredTag("cost-center", KeyCase.EXACT, new ValueRule.AnyValue(), Optional.empty(),
                Set.of(), Map.of("env", "prod", "billing", "*"));
        TagViolation missing = new TagViolation(costCenter, Kind.MISSING, List.of(), Optional.empty());

        assertThat(evaluate(List.of(costCenter), instance("i-prod", "env", "prod", "billing", "on"))).containsExactly(missing);
        assertThat(evaluate(List.of(costCenter), instance("i-prod-any", "env", "prod", "billing", ""))).containsExactly(missing);
        assertThat(evaluate(List.of(costCenter), instance("i-dev", "env", "dev", "billing", "on"))).isEmpty();
        assertThat(evaluate(List.of(costCenter), instance("i-unbilled", "env", "prod"))).isEmpty();
        assertThat(evaluate(List.of(costCenter), instance("i-untagged"))).isEmpty();
    }

    @Test
    void everyRuleIsJudgedInPolicyOrder() {
        assertThat(evaluate(List.of(OWNER, ENV, COST_CENTER), instance("i-1", "env", "qa", "cost-center", "cc-1")))
                .extracting(v -> v.rule().key(), TagViolation::kind)
                .containsExactly(
                        tuple("owner", Kind.MISSING),
                        tuple("env", Kind.INVALID_VALUE),
                        tuple("cost-center", Kind.INVALID_VALUE));
    }

    @Test
    void theTagsAsAPlanLeavesThemAreJudgedNotTheResourcesOwn() {
        ResourceRef untagged = instance("i-1");

        assertThat(new TagEvaluator(List.of(OWNER)).evaluate(untagged, pairs("owner", "platform"))).isEmpty();
        assertThat(new TagEvaluator(List.of(OWNER)).evaluate(untagged, pairs("Owner", "platform")))
                .extracting(TagViolation::kind).containsExactly(Kind.WRONG_CASE);
    }
}
