package dev.cloudwarden.api;

/** Who the provider's credentials are: the account (AWS), subscription (Azure) or project (GCP) their calls act in. */
public interface IdentityOps {
    /**
     * The account the credentials act in, as the cloud itself says (one call; on AWS it needs no permission).
     *
     * @throws CloudException when the cloud cannot be asked
     */
    String account();
}
