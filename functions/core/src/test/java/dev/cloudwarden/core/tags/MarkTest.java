package dev.cloudwarden.core.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.core.tags.TagCompliancePolicy.MarkForOp.Action;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkTest {
    private static final Instant DUE = Instant.parse("2026-06-05T10:15:30Z");

    @Test
    void aPendingMarkIsTheActionAndTheDueInstantInUtc() {
        assertThat(Mark.pending(Action.STOP, DUE).value()).isEqualTo("stop@2026-06-05T10:15:30Z");
        assertThat(Mark.pending(Action.NOTIFY, Instant.parse("2026-06-05T10:00:00Z")).value())
                .isEqualTo("notify@2026-06-05T10:00:00Z");
    }

    @Test
    void aDoneMarkSaysWhenTheActionWasPerformed() {
        assertThat(Mark.done(Action.STOP, DUE).value()).isEqualTo("stop-done@2026-06-05T10:15:30Z");
        assertThat(Mark.done(Action.STOP, DUE).describe()).isEqualTo("stop performed on 2026-06-05T10:15:30Z");
        assertThat(Mark.pending(Action.STOP, DUE).describe()).isEqualTo("stop due 2026-06-05T10:15:30Z");
    }

    @Test
    void aMarkIsWrittenToTheSecond() {
        Mark mark = Mark.pending(Action.STOP, DUE.plusMillis(999).plusNanos(123));

        assertThat(mark.at()).isEqualTo(DUE);
        assertThat(mark.value()).isEqualTo("stop@2026-06-05T10:15:30Z");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void whatIsWrittenIsReadBackAsTheSameMark(Action action) {
        Mark pending = Mark.pending(action, DUE);
        Mark done = Mark.done(action, DUE.plus(Duration.ofHours(1)));

        assertThat(Mark.parse(pending.value())).contains(pending);
        assertThat(Mark.parse(done.value())).contains(done);
        assertThat(Mark.parse(done.value()).orElseThrow().done()).isTrue();
        assertThat(Mark.parse(pending.value()).orElseThrow().done()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "stop",
            "stop 2026-06-05T10:15:30Z",
            "delete@2026-06-05T10:15:30Z",
            "STOP@2026-06-05T10:15:30Z",
            "stop-later@2026-06-05T10:15:30Z",
            "@2026-06-05T10:15:30Z",
            "stop@",
            "stop@tomorrow",
            "stop@2026-06-05",
            "stop@2026-06-05T10:15:30",
            "stop@2026-06-05 10:15:30Z",
            "stop@2026-06-05T10:15:30Z@again"})
    void aValueThisOperationDidNotWriteIsNoMark(String value) {
        assertThat(Mark.parse(value)).isEmpty();
    }

    @Test
    void aPendingMarkIsDueFromItsInstantOn() {
        Mark mark = Mark.pending(Action.STOP, DUE);

        assertThat(mark.dueBy(DUE.minusSeconds(1))).isFalse();
        assertThat(mark.dueBy(DUE.minusNanos(1))).isFalse();
        assertThat(mark.dueBy(DUE)).isTrue();
        assertThat(mark.dueBy(DUE.plus(Duration.ofDays(30)))).isTrue();
    }

    @Test
    void aDoneMarkIsNeverDueAgain() {
        Mark done = Mark.done(Action.STOP, DUE);

        assertThat(done.dueBy(DUE)).isFalse();
        assertThat(done.dueBy(DUE.plus(Duration.ofDays(365)))).isFalse();
    }
}
