package dev.cloudwarden.api;

import java.util.List;

/**
 * A cloud's security findings service, in the region the provider serves: AWS Security Hub, Microsoft Defender
 * for Cloud, Google Security Command Center. Findings are imported under the caller's own account.
 */
public interface SecurityFindingsOps {
    /**
     * The account (subscription, project) findings are filed under: the caller's own. May ask the cloud once, which
     * also shows whether the service is enabled there.
     *
     * @throws CloudException when the service cannot be reached or is not enabled for this account and region
     */
    String account();

    /**
     * Imports {@code findings}, creating those the service does not hold and updating (by id) those it does, in as
     * few calls as the service allows. Never throws for a cloud failure: every finding that was not imported is in
     * the result with the reason, and the others were imported.
     */
    FindingImportResult importFindings(List<SecurityFinding> findings);

    /**
     * The service's active findings filed under {@link #account()} whose id starts with {@code idPrefix}: what
     * earlier runs imported and nothing has archived since.
     *
     * @throws CloudException when they cannot be listed
     */
    List<SecurityFinding> activeFindings(String idPrefix);
}
