package dev.cloudwarden.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings are the platform's words (its region variable, its export switch or none) and the cloud's: what a region
 * name looks like is asked of the provider module (here the in-memory cloud's names).
 */
class FunctionSettingsTest {
    private static final String POLICY = "version: 1\ncloud: gcp\nsecurityGroupAudit: {}\n";

    @Test
    void everyProblem_isReported_inThePlatformsWords() {
        Map<String, String> env = Map.of("CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", "Europe West", "CLOUDWARDEN_DRY_RUN", "yes",
                "CLOUDWARDEN_OPERATION", "tag-compliance");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> FunctionSettings.from(env, TestPlatform.PLATFORM));

        assertThat(e.problems()).containsExactly(
                "FUNCTION_REGION: expected a region such as us-west-2 or europe-west1, got \"Europe West\"",
                "CLOUDWARDEN_OPERATION: operation 'tag-compliance' is not declared in the policy; it declares security-group-audit",
                "CLOUDWARDEN_DRY_RUN must be true or false, not 'yes'");
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void noRegionAnywhere_namesThePlatformsVariable() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> FunctionSettings.from(Map.of("CLOUDWARDEN_POLICY", POLICY), TestPlatform.PLATFORM));

        assertThat(e.problems()).containsExactly("FUNCTION_REGION is not set and the policy names no region");
    }

    @Test
    void theExportSwitch_isReadOnlyWhereThePlatformHasAnExport() {
        Map<String, String> env = Map.of("CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", "europe-west1", "CLOUDWARDEN_SCC", "true",
                "CLOUDWARDEN_SECURITY_HUB", "not read here");

        assertThat(FunctionSettings.from(env, TestPlatform.PLATFORM).exportFindings()).isFalse();
        assertThat(FunctionSettings.from(env, TestPlatform.WITH_EXPORT).exportFindings()).isTrue();
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> FunctionSettings.from(
                Map.of("CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", "europe-west1", "CLOUDWARDEN_SCC", "ture"), TestPlatform.WITH_EXPORT));
        assertThat(e.problems()).containsExactly("CLOUDWARDEN_SCC must be true or false, not 'ture'");
    }

    @Test
    void theRegion_isThePlatformsVariable_elseThePolicys() {
        FunctionSettings settings = FunctionSettings.from(Map.of("CLOUDWARDEN_POLICY", POLICY + "region: europe-west4\n"),
                TestPlatform.PLATFORM);

        assertThat(settings.region()).isEqualTo("europe-west4");
        assertThat(settings.operation()).isEqualTo("security-group-audit");
        assertThat(settings.dryRun()).isFalse();
    }

    @Test
    void anEndpointsCertificate_needsTheEndpoint() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> FunctionSettings.from(Map.of(
                "CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", "europe-west1", "CLOUDWARDEN_ENDPOINT_CA_CERT", "/tmp/ca.pem"),
                TestPlatform.PLATFORM));

        assertThat(e.problems()).containsExactly("CLOUDWARDEN_ENDPOINT_CA_CERT is set but CLOUDWARDEN_ENDPOINT is not: the certificate"
                + " is trusted for an endpoint override only");
        FunctionSettings settings = FunctionSettings.from(Map.of("CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", "europe-west1",
                "CLOUDWARDEN_ENDPOINT", "https://127.0.0.1:8443", "CLOUDWARDEN_ENDPOINT_CA_CERT", "/tmp/ca.pem"), TestPlatform.PLATFORM);
        assertThat(settings.endpointCertificate()).contains(java.nio.file.Path.of("/tmp/ca.pem"));
    }

    @Test
    void theAccount_isThePolicys_andTheOwnIdentity_isOptional() {
        FunctionSettings settings = FunctionSettings.from(Map.of("CLOUDWARDEN_POLICY", POLICY + "account: project-1\n",
                "FUNCTION_REGION", "europe-west1", "CLOUDWARDEN_OWN_PRINCIPAL_ID", " sa@project-1 "), TestPlatform.PLATFORM);

        assertThat(settings.account()).contains("project-1");
        assertThat(settings.ownPrincipal()).contains("sa@project-1");
        assertThat(FunctionSettings.from(Map.of("CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", "europe-west1"), TestPlatform.PLATFORM)
                .ownPrincipal()).isEmpty();
    }
}
