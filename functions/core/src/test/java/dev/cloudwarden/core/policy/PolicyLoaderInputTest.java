package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that used to hang, crash or mislead (issue 21): every one ends as an {@link InvalidPolicyException} that says
 * what is wrong, on the right line, before a parser is handed more than a policy can be.
 */
class PolicyLoaderInputTest {
    private static final String VALID = "version: 1\ncloud: aws\nsecurityGroupAudit: {}\n";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;

    // --- the size bound

    @Test
    void aPolicyOfExactly256KiB_loads_andOneByteMore_isRefusedBeforeParsing() throws IOException {
        Path atBound = write("at-bound.yaml", padded(PolicyLoader.MAX_BYTES));
        Path overBound = write("over-bound.yaml", padded(PolicyLoader.MAX_BYTES + 1));

        assertThat(PolicyLoader.load(atBound).section(FirewallAuditPolicy.class)).isPresent();
        assertThat(errorsOf(() -> PolicyLoader.load(overBound))).containsExactly(new PolicyError("(policy)",
                "is 262,145 bytes: a policy is at most 262,144 bytes (256 KiB); is this the policy file?", 0));
    }

    @Test
    void aFiftyMegabyteJsonPolicy_isRefusedByItsSize_withoutReadingIt() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (OutputStream out = Files.newOutputStream(huge)) {
            out.write("{\"version\": 1, \"cloud\": \"aws\", \"region\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }

        List<PolicyError> errors = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> errorsOf(() -> PolicyLoader.load(huge)));

        assertThat(errors).singleElement().extracting(PolicyError::problem).asString()
                .startsWith("is 52,428,844 bytes: a policy is at most 262,144 bytes");
    }

    @Test
    void devZero_stopsAtTheBound_insteadOfFillingTheMemory() {
        List<PolicyError> errors = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> errorsOf(() -> PolicyLoader.load(Path.of("/dev/zero"))));

        assertThat(errors).containsExactly(new PolicyError("(policy)",
                "is larger than 262,144 bytes (256 KiB), the most a policy may be; is this the policy file?", 0));
    }

    @Test
    void inlinePolicyText_isBoundToo_countingItsUtf8Bytes() {
        String comment = "#" + "é".repeat(PolicyLoader.MAX_BYTES / 2) + "\n"; // 2 bytes each: over the bound, in half as many characters

        assertThat(errorsOf(() -> PolicyLoader.parse(VALID + comment, "from CLOUDWARDEN_POLICY"))).singleElement()
                .extracting(PolicyError::problem).asString().startsWith("is 262,191 bytes: a policy is at most 262,144 bytes");
        assertThat(PolicyLoader.parse(VALID + "#" + "é".repeat(100_000) + "\n", "from CLOUDWARDEN_POLICY").section(FirewallAuditPolicy.class)).isPresent();
    }

    @Test
    void aDirectory_isNamedAsOne() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("policy.yaml"));

        assertThat(errorsOf(() -> PolicyLoader.load(directory))).containsExactly(new PolicyError("(file)", "is a directory, not a policy file", 0));
    }

    // --- one document

    @Test
    void aSecondYamlDocument_isRefused_ratherThanDropped() {
        assertThat(errorsOf(VALID + "---\ndryRun: true\n")).containsExactly(new PolicyError("(syntax)",
                "a second YAML document follows the first: a policy is exactly one document, and a later one would be ignored "
                        + "(merge them, or remove the --- and what follows)", 5));
    }

    @Test
    void aTrailingDocumentMarker_isASecondDocumentToo_butADocumentEndMarkerAndALeadingStartMarkerAreFine() {
        assertThat(errorsOf(VALID + "---\n")).extracting(PolicyError::problem).singleElement().asString()
                .startsWith("a second YAML document follows the first");
        assertThat(PolicyLoader.parse("---\n" + VALID + "...\n", "policy.yaml").section(FirewallAuditPolicy.class)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"dryRun\": true}", "[]", "and then some", "{", "\"x\""})
    void anythingAfterTheJsonObject_isRefused(String trailing) {
        String json = "{\"version\": 1, \"cloud\": \"aws\", \"securityGroupAudit\": {}}\n" + trailing + "\n";

        assertThat(errorsOf(json)).containsExactly(new PolicyError("(syntax)",
                "content after the end of the JSON object: a policy is exactly one JSON object, and what follows would be ignored", 2));
    }

    // --- the three messages that misled

    @Test
    void aPolicyThatIsNotUtf8_saysWhichByteOnWhichLine() {
        byte[] latin1 = (VALID + "region: eu-w\u00e9st-1\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(errorsOf(() -> PolicyLoader.parse(latin1, "policy.yaml", CLOCK))).containsExactly(new PolicyError("(encoding)",
                "not UTF-8: byte 0xE9 at offset 57 (column 13) is not valid UTF-8 here; save the file as UTF-8", 4));
    }

    @Test
    void aUtf16Policy_isNamedAsOne() {
        byte[] utf16 = VALID.getBytes(StandardCharsets.UTF_16);

        assertThat(errorsOf(() -> PolicyLoader.parse(utf16, "policy.yaml", CLOCK))).extracting(PolicyError::problem)
                .containsExactly("the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8");
    }

    @Test
    void aYamlFlowMappingStartingWithABrace_isReadAsYaml_whenItIsNotJson() {
        Policy policy = PolicyLoader.parse("{version: 1, cloud: aws, dryRun: true, securityGroupAudit: {remediation: {action: revoke}}}\n",
                "policy.yaml");

        assertThat(policy.dryRun()).isTrue();
        assertThat(policy.section(FirewallAuditPolicy.class)).isPresent();
    }

    @Test
    void aYamlFlowMappingWithAMistake_isReportedAsTheYamlMistake_notAsBrokenJson() {
        assertThat(errorsOf("{version: 1, cloud: aws,\n securityGroupAudit: {remediation: {action: delete}}}\n"))
                .containsExactly(new PolicyError("securityGroupAudit.remediation.action",
                        "expected one of report, revoke, narrow, got \"delete\"", 2));
    }

    @Test
    void unclosedJson_isReportedAsJson_whereTheInputEnds() {
        assertThat(errorsOf("{\"version\": 1, \"cloud\": \"aws\",\n \"securityGroupAudit\": {}\n"))
                .containsExactly(new PolicyError("(syntax)",
                        "Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1)", 3));
    }

    @Test
    void aNulByte_isReportedOnItsOwnLine() {
        assertThat(errorsOf(VALID + "region: us-east-1\u0000\n")).containsExactly(new PolicyError("(syntax)",
                "the control character U+0000 (NUL) at column 18 is not allowed in a policy "
                        + "(write it as an escape in a double-quoted string if a value needs it)", 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0007", "\u001b", "\u007f", "\u0085", "\u2028", "\ufffe", "\ud800"})
    void everyOtherCharacterYamlForbids_isReportedOnItsOwnLine_inJsonToo(String character) {
        assertThat(errorsOf("{\"version\": 1,\n \"cloud\": \"aws\",\n \"region\": \"us" + character + "\",\n \"securityGroupAudit\": {}}\n"))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("(syntax)");
                    assertThat(error.line()).isEqualTo(3);
                    assertThat(error.problem()).contains(String.format("U+%04X", (int) character.charAt(0))).contains("at column 15");
                });
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndings_areAccepted_andLinesStillCountAsAnEditorShowsThem() {
        String crlf = ("\uFEFF" + VALID + "region: 7\n").replace("\n", "\r\n");

        assertThat(errorsOf(crlf)).containsExactly(new PolicyError("region", "expected a non-empty string, got 7", 4));
        assertThat(PolicyLoader.parse(("\uFEFF" + VALID).replace("\n", "\r\n"), "policy.yaml").section(FirewallAuditPolicy.class)).isPresent();
    }

    // --- YAML that a tree would misread, and parser messages without Java in them

    @Test
    void aYamlAlias_isRefused_forTheParserWouldHandOverTheAnchorsName() {
        assertThat(errorsOf(VALID.replace("{}", "\n  publicCidrs: &nets [100.64.0.0/10]\n  remediation: {action: narrow, narrowTo: *nets}")))
                .containsExactly(new PolicyError("(syntax)", "the YAML alias *nets is not supported: write the value out where it is needed", 5));
    }

    @Test
    void aBillionLaughs_stopsAtItsFirstAlias() {
        StringBuilder laughs = new StringBuilder(VALID).append("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(9)).append("]\n");
        }

        assertThat(errorsOf(laughs.toString())).extracting(PolicyError::problem, PolicyError::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("the YAML alias *a is not supported: write the value out where it is needed", 5));
    }

    @Test
    void nestingDeeperThan64Levels_isRefused() {
        // the top-level mapping is the first level
        assertThat(errorsOf(VALID + "x: " + "[".repeat(64) + "]".repeat(64) + "\n")).containsExactly(new PolicyError("(syntax)",
                "mappings and lists nest more than 64 levels deep here; a policy needs fewer than 10", 4));
        assertThat(errorsOf(VALID + "x: " + "[".repeat(63) + "]".repeat(63) + "\n")).extracting(PolicyError::field).containsExactly("x");
    }

    @Test
    void aComplexKey_isExplained_withoutTheParsersEventClass() {
        assertThat(errorsOf("version: 1\ncloud: aws\n? [securityGroupAudit]\n: {}\n")).containsExactly(new PolicyError("(syntax)",
                "a mapping key must be a plain value such as a name, not a list", 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\UFFFFFFFF", "\\U80000000"})
    void anEscapeBeyondUnicode_isExplained_withoutTheParsersNumberFormatException(String escape) {
        // found by fuzzing: SnakeYAML reads the digits with Integer.parseInt, and the parser named the exception
        assertThat(errorsOf(VALID + "region: \"eu" + escape + "\"\n")).containsExactly(new PolicyError("(syntax)",
                "an escape (\\xXX, \\uXXXX or \\UXXXXXXXX) whose hexadecimal digits name no character", 4));
    }

    @Test
    void aTabIndentation_isReportedOnItsLine_inOneLine() {
        assertThat(errorsOf("version: 1\ncloud: aws\nsecurityGroupAudit:\n\tremediation: {}\n")).containsExactly(new PolicyError("(syntax)",
                "found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)", 4));
    }

    @Test
    void anEmptyOrBlankKey_orOneWithSpacesAroundIt_isQuotedInTheFieldPath() {
        assertThat(errorsOf(VALID + "\"\": 1\n\"\": 2\n")).containsExactly(new PolicyError("\"\"", "Duplicate field ''", 5));
        assertThat(errorsOf(VALID + "\" \": 1\n\" \": 2\n")).containsExactly(new PolicyError("\" \"", "Duplicate field ' '", 5));
        assertThat(errorsOf(VALID.replace("{}", "{\"\": 1}"))).extracting(PolicyError::field).containsExactly("securityGroupAudit.\"\"");
        assertThat(errorsOf(VALID + "\"dryRun \": true\n")).extracting(PolicyError::field).containsExactly("\"dryRun \"");
    }

    @Test
    void aCidrLongerThanAnyCidr_isRefusedAtOnce_beforeAnAddressPatternSpendsQuadraticTimeOnIt() {
        String colons = ":".repeat(200_000) + "g";

        List<PolicyError> errors = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> errorsOf(VALID.replace("{}", "\n  remediation: {action: narrow, narrowTo: [\"" + colons + "\"]}")));

        assertThat(errors).containsExactly(new PolicyError("securityGroupAudit.remediation.narrowTo[0]",
                "expected a CIDR block such as 203.0.113.0/24 or 2001:db8::/32, got \"" + ":".repeat(80) + "…\"", 4));
        assertThat(PolicyLoader.parse(VALID.replace("{}",
                        "\n  remediation: {action: narrow, narrowTo: [\"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128\"]}"),
                "policy.yaml").section(FirewallAuditPolicy.class).orElseThrow().remediation().narrowTo()).hasSize(1);
    }

    @Test
    void anEmptyPolicy_saysItIsEmpty() {
        assertThat(errorsOf("# nothing yet\n")).containsExactly(new PolicyError("(top level)",
                "the policy is empty: expected a mapping with version, cloud and at least one of securityGroupAudit, tagCompliance, "
                        + "snapshotLifecycle, patchBaselines", 0));
    }

    @Test
    void aLongValue_isShownShortened_andControlCharactersInAKeyAsEscapes() {
        assertThat(errorsOf(VALID + "dryRun: " + "n".repeat(10_000) + "\n")).extracting(PolicyError::problem)
                .containsExactly("expected true or false, got \"" + "n".repeat(80) + "…\"");
        assertThat(errorsOf(VALID + "\"a\\e[31mb\": 1\n")).extracting(PolicyError::field).containsExactly("a\\u001B[31mb");
    }

    private static String padded(int bytes) {
        String comment = "#" + "x".repeat(bytes - VALID.length() - 2) + "\n";
        return VALID + comment;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<PolicyError> errorsOf(String text) {
        return errorsOf(() -> PolicyLoader.parse(text, "policy.yaml", CLOCK));
    }

    private static List<PolicyError> errorsOf(ThrowingSupplier<Policy> load) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> load.get());
        assertThat(e).as("the policy is refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("com.fasterxml").doesNotContain("org.yaml");
        return e.errors();
    }
}
