package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cloudwarden.runtime.FunctionRunner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Lambda entry point for EBS's own snapshot notifications from EventBridge ("EBS Snapshot Notification" for
 * createSnapshot and copySnapshot, "EBS Multi-Volume Snapshots Completion Status" for createSnapshots): the
 * snapshot lifecycle copies a finished snapshot to its disaster-recovery regions at once, and reports a
 * failed one. Returns the run report; fails the invocation for an unsupported event (nothing changed) or an
 * incomplete run.
 */
public final class SnapshotEventHandler implements RequestStreamHandler {
    private final FunctionRunner function;

    public SnapshotEventHandler() {
        this(System.getenv(), System.out);
    }

    /** Settings from {@code env}, structured logs to {@code log}. */
    SnapshotEventHandler(Map<String, String> env, PrintStream log) {
        this.function = Wiring.runner(env, log);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        function.handle(in, Wiring.EVENTS::snapshotJob, out, "SnapshotEventHandler", Wiring.invocation(context));
    }
}
