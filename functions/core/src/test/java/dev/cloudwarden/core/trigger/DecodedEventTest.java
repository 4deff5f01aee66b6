package dev.cloudwarden.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.report.RunReport;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecodedEventTest {
    private static final Instant FIRING = Instant.parse("2026-11-30T03:00:00Z");
    private static final DecodedEvent SCHEDULED = new DecodedEvent("e-1", "123456789012", "us-east-1", Scope.REGION, Optional.empty(),
            "schedule", Optional.empty(), Optional.empty(), Optional.of(FIRING));

    @Test
    void anotherAccountsEvent_isRefused_namingBothAccounts() {
        SCHEDULED.requireAccount("123456789012", "this function runs");
        assertThatThrownBy(() -> SCHEDULED.requireAccount("111122223333", "the credentials act"))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("event e-1 is from account '123456789012', but the credentials act in account 111122223333: cloudwarden acts"
                        + " only on its own account's events");
    }

    @Test
    void aFiringStillToCome_isRefused_beyondAFewMinutesOfClockSkew() {
        SCHEDULED.requireFiredBy(FIRING.minus(DecodedEvent.MAX_CLOCK_SKEW));
        assertThatThrownBy(() -> SCHEDULED.requireFiredBy(FIRING.minusSeconds(301)))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("has not happened yet");
    }

    @Test
    void theRequest_standsForTheFiring() {
        RunRequest request = SCHEDULED.request(RunReport.Trigger.SCHEDULE, true);

        assertThat(request.firing()).contains(FIRING);
        assertThat(request.scope().isSweep()).isTrue();
        assertThat(request.dryRun()).isTrue();
    }
}
