package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which account the credentials act in: one STS GetCallerIdentity, counted under the IAM action it would be. */
@ExtendWith(MotoExtension.class)
class MotoIdentityTest {
    private final MotoServer moto;

    MotoIdentityTest(MotoServer moto) {
        this.moto = moto;
    }

    @Test
    void theAccount_isTheOneTheCredentialsActIn_askedOnce() {
        try (CloudProvider provider = Providers.find(CloudId.AWS).create(ProviderConfig.of("us-east-1").withEndpoint(moto.endpoint()))) {
            moto.startRecording();

            String account = provider.identity().orElseThrow().account();

            assertThat(account).isEqualTo("123456789012"); // moto's default account
            assertThat(moto.recordedActions()).containsExactly("GetCallerIdentity");
            assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("sts:GetCallerIdentity", 1L));
        }
    }
}
