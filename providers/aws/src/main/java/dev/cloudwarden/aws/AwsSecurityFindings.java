package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FindingImportResult;
import dev.cloudwarden.api.SecurityFinding;
import dev.cloudwarden.api.SecurityFindingsOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * AWS Security Hub, in the provider's region: findings in the AWS Security Finding Format (ASFF), imported under
 * the account's own default product ({@code arn:<partition>:securityhub:<region>:<account>:product/<account>/default}),
 * which is how an account files findings of its own tools. {@link AsffTranslator} does the mapping.
 *
 * <p>The account and partition come from the account's hub (DescribeHub, once per provider): BatchImportFindings
 * accepts findings with the default product only for the calling account, and a hub that is not enabled fails
 * there, once, with Security Hub's own message.
 *
 * <p>BatchImportFindings takes at most 100 findings a call and reports failed findings one by one in its answer
 * (FailedCount, FailedFindings) rather than failing the call: both kinds of failure are returned per finding.
 * GetFindings filters on the server; the answers are checked again here (an emulator may ignore filters).
 *
 * <p>IAM actions used: securityhub:DescribeHub, securityhub:BatchImportFindings, securityhub:GetFindings.
 */
final class AwsSecurityFindings implements SecurityFindingsOps {
    /** BatchImportFindings accepts at most 100 findings per call. */
    static final int MAX_BATCH = 100;
    /** GetFindings answers at most 100 findings a page. */
    static final int PAGE_SIZE = 100;
    static final String IMPORT = "securityhub:BatchImportFindings";

    private final Supplier<SecurityHubClient> hub;
    private final String region;
    private AsffTranslator translator; // guarded by this: built from the hub's ARN on first use

    AwsSecurityFindings(Supplier<SecurityHubClient> hub, String region) {
        this.hub = hub;
        this.region = region;
    }

    @Override
    public String account() {
        return translator().account();
    }

    @Override
    public FindingImportResult importFindings(List<SecurityFinding> findings) {
        if (findings.isEmpty()) {
            return FindingImportResult.NONE;
        }
        AsffTranslator asff;
        try {
            asff = translator();
        } catch (CloudException e) {
            Map<String, CloudException> failed = new HashMap<>();
            findings.forEach(f -> failed.put(f.id(), e));
            return new FindingImportResult(0, failed);
        }
        int imported = 0;
        Map<String, CloudException> failed = new HashMap<>();
        for (List<SecurityFinding> batch : Batches.of(findings, MAX_BATCH)) {
            List<AwsSecurityFinding> asffBatch = batch.stream().map(asff::toAsff).toList();
            BatchImportFindingsResponse response;
            try {
                response = hub.get().batchImportFindings(r -> r.findings(asffBatch));
            } catch (SdkException e) {
                CloudException error = AwsErrors.translate(IMPORT, e);
                batch.forEach(f -> failed.put(f.id(), error));
                continue;
            }
            String requestId = response.responseMetadata().requestId();
            int status = response.sdkHttpResponse().statusCode();
            for (ImportFindingsError error : response.failedFindings()) {
                failed.put(error.id(), AwsErrors.failure(IMPORT, error.errorCode(), status, error.errorMessage(), requestId));
            }
            imported += response.successCount() != null ? response.successCount() : batch.size() - response.failedFindings().size();
        }
        return new FindingImportResult(imported, failed);
    }

    @Override
    public List<SecurityFinding> activeFindings(String idPrefix) {
        AsffTranslator asff = translator();
        AwsSecurityFindingFilters filters = AwsSecurityFindingFilters.builder()
                .id(filter(StringFilterComparison.PREFIX, idPrefix))
                .productArn(filter(StringFilterComparison.EQUALS, asff.productArn()))
                .awsAccountId(filter(StringFilterComparison.EQUALS, asff.account()))
                .recordState(filter(StringFilterComparison.EQUALS, RecordState.ACTIVE.toString()))
                .build();
        List<SecurityFinding> active = new ArrayList<>();
        AwsErrors.run("securityhub:GetFindings", () -> hub.get()
                .getFindingsPaginator(r -> r.filters(filters).maxResults(PAGE_SIZE)).findings().stream()
                // the same conditions again: an emulator may answer every finding it holds
                .filter(f -> f.id() != null && f.id().startsWith(idPrefix) && asff.productArn().equals(f.productArn())
                        && asff.account().equals(f.awsAccountId()) && f.recordState() == RecordState.ACTIVE)
                .forEach(f -> active.add(asff.fromAsff(f))));
        return active;
    }

    /** The translator for this account's hub, from DescribeHub's answer on first use. */
    private synchronized AsffTranslator translator() {
        if (translator == null) {
            String hubArn = AwsErrors.call("securityhub:DescribeHub", () -> hub.get().describeHub(r -> { }).hubArn());
            Arn arn = Arn.parse(hubArn).orElseThrow(() -> new CloudException(CloudException.Kind.INVALID,
                    "securityhub:DescribeHub", "", "", "the hub's ARN is not an ARN: " + hubArn, null));
            translator = new AsffTranslator(arn.partition(), region, arn.account());
        }
        return translator;
    }

    private static StringFilter filter(StringFilterComparison comparison, String value) {
        return StringFilter.builder().comparison(comparison).value(value).build();
    }
}
