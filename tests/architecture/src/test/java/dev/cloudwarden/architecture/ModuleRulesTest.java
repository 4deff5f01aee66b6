package dev.cloudwarden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.catalog.Operations;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The architecture, stated on the compiled main classes of every module, where the poms cannot say it: the neutral
 * model depends on nothing, core names no cloud, providers never reach into core nor into each other, event decoding
 * and the function runtime carry no SDK, and entry points only translate. Each rule names the packages, so a failure
 * says which class crossed which line.
 */
class ModuleRulesTest {
    /** Every cloud SDK or function runtime cloudwarden uses, or will: none may reach a neutral module. */
    private static final String[] CLOUD_LIBRARIES = {"software.amazon..", "com.amazonaws..", "com.azure..", "com.microsoft.azure..",
            "com.google.cloud..", "com.google.api..", "io.cloudevents.."};
    /** Each provider module's own package; a provider never imports another's. */
    private static final List<String> PROVIDERS = List.of("aws", "azure", "gcp");
    private static final String[] ENTRY_POINTS = {"dev.cloudwarden.lambda..", "dev.cloudwarden.cli..", "dev.cloudwarden.azurefunctions..",
            "dev.cloudwarden.gcpfunctions.."};

    /** Each operation's package (its policy section, planner, guard, applier and findings together), from the catalog. */
    private static final List<String> OPERATIONS = Operations.ALL.stream().map(m -> m.reader().type().getPackageName() + "..").toList();

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cloudwarden");
        // an empty import would make every rule pass
        if (classes.stream().noneMatch(c -> c.getPackageName().startsWith("dev.cloudwarden.core"))) {
            throw new IllegalStateException("no classes of dev.cloudwarden.core were imported: the rules would check nothing");
        }
    }

    /** The rules below can fail: the same kind of rule, aimed at the AWS provider, sees its SDK calls and the model. */
    @Test
    void theImportSeesDependencies_soARuleCanFail() {
        assertThat(noClasses().that().resideInAPackage("dev.cloudwarden.aws..")
                .should().dependOnClassesThat().resideInAnyPackage(CLOUD_LIBRARIES).evaluate(classes).hasViolation()).isTrue();
        assertThat(noClasses().that().resideInAPackage("dev.cloudwarden.lambda..")
                .should().dependOnClassesThat().resideInAPackage("dev.cloudwarden.runtime..").evaluate(classes).hasViolation()).isTrue();
    }

    @Test
    void theNeutralModelDependsOnTheJdkAlone() {
        classes().that().resideInAPackage("dev.cloudwarden.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.cloudwarden.api..", "java..")
                .check(classes);
    }

    @Test
    void coreImportsNoCloudSdk_andNoModuleButTheModel() {
        noClasses().that().resideInAPackage("dev.cloudwarden.core..")
                .should().dependOnClassesThat().resideInAnyPackage(CLOUD_LIBRARIES)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.cloudwarden.aws..", "dev.cloudwarden.azure..",
                        "dev.cloudwarden.gcp..", "dev.cloudwarden.emulator..", "dev.cloudwarden.azureemulator..", "dev.cloudwarden.runtime..",
                        "dev.cloudwarden.events..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ENTRY_POINTS)
                .check(classes);
    }

    @ParameterizedTest
    @EnumSource(CloudId.class)
    void coreNeverAsksWhichCloudItRunsOn(CloudId cloud) {
        noClasses().that().resideInAPackage("dev.cloudwarden.core..")
                .should().accessField(CloudId.class, cloud.name())
                .because("a cloud's rules are its provider's to publish (CloudNames, capability flags), never a branch in core")
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "azure", "gcp"})
    void aProviderNeverImportsCore_theRuntime_anEntryPoint_norAnotherProvider(String provider) {
        String[] others = PROVIDERS.stream().filter(p -> !p.equals(provider)).map(p -> "dev.cloudwarden." + p + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.cloudwarden." + provider + "..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cloudwarden.core..", "dev.cloudwarden.runtime..",
                        "dev.cloudwarden.events..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ENTRY_POINTS)
                .orShould().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true) // Azure and GCP have no classes yet; the rule is theirs the day they do
                .check(classes);
    }

    @Test
    void eventDecodingAndTheFunctionRuntimeCarryNoSdk_andKnowNoProvider() {
        noClasses().that().resideInAnyPackage("dev.cloudwarden.events..", "dev.cloudwarden.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(CLOUD_LIBRARIES)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.cloudwarden.aws..", "dev.cloudwarden.azure..",
                        "dev.cloudwarden.gcp..", "dev.cloudwarden.emulator..", "dev.cloudwarden.azureemulator..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ENTRY_POINTS)
                .check(classes);
    }

    @Test
    void theRuntimeDecodesThroughTheSpiAlone_noCloudsDecoder() {
        noClasses().that().resideInAPackage("dev.cloudwarden.runtime..")
                .should().dependOnClassesThat().resideInAPackage("dev.cloudwarden.events..")
                .check(classes);
    }

    @Test
    void entryPointsOnlyTranslate_theyReachNoOperationsInsides() {
        noClasses().that().resideInAnyPackage(ENTRY_POINTS)
                .should().dependOnClassesThat().resideInAnyPackage(OPERATIONS.toArray(String[]::new))
                .because("an entry point turns an event into a request and a report into output; the operations are core's")
                .check(classes);
    }

    @Test
    void anEntryPointNeverDependsOnAnother() {
        for (String entryPoint : ENTRY_POINTS) {
            String[] others = java.util.Arrays.stream(ENTRY_POINTS).filter(e -> !e.equals(entryPoint)).toArray(String[]::new);
            noClasses().that().resideInAPackage(entryPoint)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void anOperationIsOneFolder_theSharedCoreKnowsNone_andNoneKnowsAnother() {
        noClasses().that().resideInAnyPackage("dev.cloudwarden.core", "dev.cloudwarden.core.policy..", "dev.cloudwarden.core.report..",
                        "dev.cloudwarden.core.schedule..", "dev.cloudwarden.core.trigger..", "dev.cloudwarden.core.run..")
                .should().dependOnClassesThat().resideInAnyPackage(OPERATIONS.toArray(String[]::new))
                .because("the operations are listed once, in dev.cloudwarden.core.catalog; the pipeline and the policy reader serve them all")
                .check(classes);
        for (String operation : OPERATIONS) {
            String[] others = OPERATIONS.stream().filter(o -> !o.equals(operation)).toArray(String[]::new);
            noClasses().that().resideInAPackage(operation)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(classes);
        }
    }
}
