package dev.cloudwarden.infra;

import dev.cloudwarden.core.catalog.Operations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.events.aws.AwsEventDecoder;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The complete example, applied for real against the AWS emulator (moto server on 127.0.0.1): then a plan must find
 * nothing to change, and the deployed state, read back through the AWS SDK, must be what the module promises:
 * each operation's function with its handler, policy and settings, its role's policies equal to the policy files, a
 * rule per pattern file with exactly that pattern and a target with a dead-letter queue, the sweep's schedule
 * whose input the function accepts, and the failure destinations.
 *
 * <p>What the emulator cannot take is set aside here, and the README says so: the CloudWatch alarms (the provider
 * speaks the Smithy RPCv2 CBOR protocol to CloudWatch, moto does not), so the example is applied with
 * {@code alarms = false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformApplyTest {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";
    private static final List<String> SERVICES = List.of("lambda", "events", "scheduler", "iam", "sqs", "sns", "logs", "sts", "cloudwatch");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MotoServer moto;
    private Terraform terraform;
    private Path example;
    private Tools.Result apply;

    @BeforeAll
    void apply(@TempDir Path work) throws IOException {
        terraform = Terraform.withProviders();
        assertThat(Repo.LAMBDA_JAR).as("the shaded jar: the reactor builds functions/aws-lambda before this module").isRegularFile();
        moto = MotoServer.start();
        moto.configure("{\"lambda\":{\"use_docker\":false}}"); // create and describe functions without a Docker engine
        example = Terraform.copyOfTree(work).resolve("examples/complete");
        Files.writeString(example.resolve("emulator_override.tf"), emulatorProvider(moto.endpoint()));

        terraform.ok(example, "init", "-no-color");
        apply = terraform.ok(example, "apply", "-auto-approve", "-no-color", "-parallelism=4",
                "-var", "package_path=" + Repo.LAMBDA_JAR, "-var", "alarms=false", "-var", "security_hub=true");
        String summary = apply.output().lines().filter(l -> l.startsWith("Apply complete!")).findFirst().orElse("");
        System.out.printf("terraform apply of examples/complete against moto: %.1f s; %s%n", apply.took().toMillis() / 1000.0, summary);
    }

    @AfterAll
    void stop() {
        if (moto != null) {
            moto.close(); // no destroy: the emulator's state goes with it, and the provider waits minutes on SQS deletion
        }
    }

    @Test
    void aPlanAfterTheApply_findsNothingToChange() {
        Tools.Result plan = terraform.run(example, "plan", "-detailed-exitcode", "-no-color",
                "-var", "package_path=" + Repo.LAMBDA_JAR, "-var", "alarms=false", "-var", "security_hub=true");
        assertThat(plan.exitCode()).as("terraform plan -detailed-exitcode (0: no changes, 2: changes):\n%s", plan.output()).isZero();
    }

    @Test
    void eachOperation_hasItsFunction_withTheEventBridgeHandler_andOnlyItsSectionOfThePolicy() throws IOException {
        try (LambdaClient lambda = client(LambdaClient.builder())) {
            for (String operation : Repo.OPERATIONS) {
                FunctionConfiguration function = lambda.getFunction(r -> r.functionName("cloudwarden-" + operation)).configuration();
                assertThat(function.runtimeAsString()).isEqualTo("java21");
                assertThat(function.handler()).isEqualTo("dev.cloudwarden.lambda.EventBridgeHandler::handleRequest");
                assertThat(function.architecturesAsStrings()).containsExactly("arm64");
                assertThat(function.role()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/cloudwarden-" + operation + "-" + REGION);
                Map<String, String> env = function.environment().variables();
                assertThat(env).containsEntry("CLOUDWARDEN_OPERATION", operation).containsEntry("CLOUDWARDEN_DRY_RUN", "false")
                        .containsEntry("CLOUDWARDEN_SECURITY_HUB", "true");
                Policy policy = PolicyLoader.parse(env.get("CLOUDWARDEN_POLICY"), "CLOUDWARDEN_POLICY of cloudwarden-" + operation);
                assertThat(dev.cloudwarden.core.catalog.Operations.choose(policy, java.util.Optional.empty()))
                        .as("the function's policy declares its own operation only").isEqualTo(operation);
                assertThat(lambda.getFunctionConcurrency(r -> r.functionName(function.functionName())).reservedConcurrentExecutions())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void eachRole_grantsExactlyItsPolicyFile() throws IOException {
        try (IamClient iam = client(IamClient.builder())) {
            for (String operation : Repo.OPERATIONS) {
                String document = iam.getRolePolicy(r -> r.roleName("cloudwarden-" + operation + "-" + REGION).policyName(operation + "-calls")).policyDocument();
                JsonNode granted = JSON.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
                assertThat(granted).as(operation).isEqualTo(IamPolicyTest.policy(operation));
                String export = iam.getRolePolicy(r -> r.roleName("cloudwarden-" + operation + "-" + REGION).policyName("security-hub-export")).policyDocument();
                assertThat(JSON.readTree(URLDecoder.decode(export, StandardCharsets.UTF_8))).as(operation + " with security_hub = true")
                        .isEqualTo(IamPolicyTest.securityHubPolicy());
            }
        }
    }

    @Test
    void eachPatternFile_isARule_withExactlyThatPattern_targetingTheFunction_withTheDeadLetterQueue() throws IOException {
        try (EventBridgeClient events = client(EventBridgeClient.builder())) {
            Set<String> rules = events.listRules(r -> r.namePrefix("cloudwarden-")).rules().stream().map(Rule::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>();
            for (String operation : Repo.OPERATIONS) {
                try (Stream<Path> files = Files.list(Repo.operation(operation).resolve("rules"))) {
                    for (Path file : files.sorted().toList()) {
                        String name = "cloudwarden-" + operation + "-" + file.getFileName().toString().replace(".json", "");
                        expected.add(name);
                        JsonNode deployed = JSON.readTree(events.describeRule(r -> r.name(name)).eventPattern());
                        assertThat(deployed).as(name).isEqualTo(JSON.readTree(file.toFile()));
                        List<Target> targets = events.listTargetsByRule(r -> r.rule(name)).targets();
                        assertThat(targets).as(name).hasSize(1);
                        assertThat(targets.get(0).arn()).isEqualTo(functionArn(operation));
                        assertThat(targets.get(0).deadLetterConfig().arn()).isEqualTo(queueArn(operation));
                    }
                }
            }
            assertThat(rules).isEqualTo(expected);
        }
    }

    @Test
    void eachSweepSchedule_invokesTheFunction_withAnEventItAccepts() throws IOException {
        try (SchedulerClient scheduler = client(SchedulerClient.builder())) {
            Map<String, String> expressions = Map.of("security-group-audit", "rate(1 hour)", "tag-compliance", "cron(0 6 * * ? *)",
                    "snapshot-lifecycle", "rate(1 hour)", "patch-baselines", "rate(6 hours)");
            for (String operation : Repo.OPERATIONS) {
                GetScheduleResponse schedule = scheduler.getSchedule(r -> r.name("cloudwarden-" + operation + "-sweep"));
                assertThat(schedule.scheduleExpression()).isEqualTo(expressions.get(operation));
                assertThat(schedule.target().arn()).isEqualTo(functionArn(operation));
                assertThat(schedule.target().deadLetterConfig().arn()).isEqualTo(queueArn(operation));
                // Scheduler fills in only placeholders written as they are, not as jsonencode escapes them (\u003c…\u003e)
                assertThat(schedule.target().input()).contains("\"<aws.scheduler.execution-id>\"", "\"<aws.scheduler.scheduled-time>\"",
                        "\"<aws.scheduler.schedule-arn>\"");
                // what Scheduler sends, its context attributes filled in as it fills them
                String input = schedule.target().input()
                        .replace("<aws.scheduler.execution-id>", "8a6c1f52-0d3e-4b7a-9c21-5e4f3a2b1c0d")
                        .replace("<aws.scheduler.scheduled-time>", "2026-11-30T06:00:00Z")
                        .replace("<aws.scheduler.schedule-arn>", schedule.arn());
                DecodedEvent event = new AwsEventDecoder().decode(JSON.readTree(input), operation);
                assertThat(event.scope().isSweep()).isTrue();
                assertThat(event.region()).isEqualTo(REGION);
                assertThat(event.firing()).contains(java.time.Instant.parse("2026-11-30T06:00:00Z"));
            }
        }
    }

    @Test
    void failedInvocations_goToTheDeadLetterQueue_andCompletedReports_toTheFindingsTopic() {
        try (LambdaClient lambda = client(LambdaClient.builder()); SqsClient sqs = client(SqsClient.builder())) {
            for (String operation : Repo.OPERATIONS) {
                GetFunctionEventInvokeConfigResponse config = lambda.getFunctionEventInvokeConfig(r -> r.functionName("cloudwarden-" + operation));
                assertThat(config.maximumRetryAttempts()).isEqualTo(2);
                assertThat(config.destinationConfig().onFailure().destination()).isEqualTo(queueArn(operation));
                assertThat(config.destinationConfig().onSuccess().destination())
                        .isEqualTo("arn:aws:sns:" + REGION + ":" + ACCOUNT + ":cloudwarden-" + operation + "-findings");
                String url = sqs.getQueueUrl(r -> r.queueName("cloudwarden-" + operation + "-dead-letters")).queueUrl();
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(QueueAttributeName.MESSAGE_RETENTION_PERIOD, QueueAttributeName.POLICY)).attributes();
                assertThat(attributes.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD)).isEqualTo("1209600");
                assertThat(attributes.get(QueueAttributeName.POLICY)).contains("events.amazonaws.com");
            }
        }
    }

    @Test
    void eachFunction_logsToAGroupWithRetention() {
        try (CloudWatchLogsClient logs = client(CloudWatchLogsClient.builder())) {
            Map<String, Integer> retention = logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/cloudwarden-")).logGroups().stream()
                    .collect(Collectors.toMap(LogGroup::logGroupName, LogGroup::retentionInDays));
            for (String operation : Repo.OPERATIONS) {
                assertThat(retention).containsEntry("/aws/lambda/cloudwarden-" + operation, 365);
            }
        }
    }

    private static String functionArn(String operation) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:cloudwarden-" + operation;
    }

    private static String queueArn(String operation) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":cloudwarden-" + operation + "-dead-letters";
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        builder.region(Region.of(REGION)).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        return builder.build();
    }

    /** The AWS provider pointed at the emulator for every service the example uses; merged into the example's own. */
    private static String emulatorProvider(URI endpoint) {
        StringBuilder tf = new StringBuilder("""
                # Written by TerraformApplyTest: the example's provider, pointed at the AWS emulator on 127.0.0.1.
                provider "aws" {
                  access_key                  = "test"
                  secret_key                  = "test"
                  skip_credentials_validation = true
                  skip_metadata_api_check     = true
                  skip_region_validation      = true
                  endpoints {
                """);
        for (String service : SERVICES) {
            tf.append("    ").append(service).append(" = \"").append(endpoint).append("\"\n");
        }
        return tf.append("  }\n}\n").toString();
    }
}
