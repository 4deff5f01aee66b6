package dev.cloudwarden.aws;

import dev.cloudwarden.api.IdentityOps;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The account the provider's credentials act in, from STS GetCallerIdentity: the one STS call that needs no IAM
 * permission (AWS answers it even when a policy denies it), so asking costs a deployment no grant.
 */
final class AwsIdentity implements IdentityOps {
    static final String GET_CALLER_IDENTITY = "sts:GetCallerIdentity";

    private final Supplier<StsClient> sts;

    AwsIdentity(Supplier<StsClient> sts) {
        this.sts = sts;
    }

    @Override
    public String account() {
        return AwsErrors.call(GET_CALLER_IDENTITY, () -> sts.get().getCallerIdentity(r -> { }).account());
    }
}
