package dev.cloudwarden.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.cli.ExitCode;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code cloudwarden demo} is the README's first command: it must keep running to its end and say so. */
@ExtendWith(MotoExtension.class)
class DemoCommandTest {

    // the parameter only skips the test, as every emulator test, where moto cannot run: the demo starts its own
    @Test
    void theDemo_runsEveryOperationToItsEnd(MotoServer unused) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = DemoMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "demo");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.COMPLETE);
        assertThat(out.toString())
                .contains("== 4. Run again: nothing left to fix ==")
                .contains("== 9. Three days later")
                .contains("snapshots in us-east-1: 6 after the first run, 6 after the retry and the replay")
                .contains("== 14. What is left ==")
                .contains("pb-").contains("security rule: approveAfterDays 30")
                .contains("== 19. The scans have finished")
                .contains("Demo complete:");
    }
}
