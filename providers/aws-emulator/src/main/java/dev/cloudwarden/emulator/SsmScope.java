package dev.cloudwarden.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request acts, as moto sees it: the region of the request's signature and the account moto gives it.
 * The gap server keeps one state per scope, so that what it serves stays beside what moto keeps for the same
 * region and account.
 *
 * <p>Moto takes the account from {@code x-moto-account-id}, else from the access key: keys issued by its STS
 * ({@code ASIA…}) act as the assumed role's account, every other key as the default account. The scope follows
 * that, without asking moto: an STS key is its own scope, any other key shares the default one.
 */
record SsmScope(String region, String account) {
    static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_ACCOUNT = "";

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/[^/]+/([^/]+)/");

    /** The scope of a request from its {@code Authorization} and {@code x-moto-account-id} headers (either may be null). */
    static SsmScope of(String authorization, String motoAccountId) {
        String region = DEFAULT_REGION;
        String accessKey = "";
        if (authorization != null) {
            Matcher m = CREDENTIAL.matcher(authorization);
            if (m.find()) {
                accessKey = m.group(1);
                region = m.group(2);
            }
        }
        if (motoAccountId != null && !motoAccountId.isBlank()) {
            return new SsmScope(region, motoAccountId.strip());
        }
        return new SsmScope(region, accessKey.startsWith("ASIA") ? accessKey : DEFAULT_ACCOUNT);
    }
}
