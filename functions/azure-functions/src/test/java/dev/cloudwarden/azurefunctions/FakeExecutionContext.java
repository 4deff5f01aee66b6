package dev.cloudwarden.azurefunctions;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.logging.Logger;

/** What the Functions host hands a function with each invocation, for handlers called as plain methods. */
record FakeExecutionContext(String functionName) implements ExecutionContext {
    @Override
    public Logger getLogger() {
        return Logger.getLogger(functionName);
    }

    @Override
    public String getInvocationId() {
        return "00000000-0000-4000-8000-000000000000";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
