package dev.cloudwarden.runtime;

import dev.cloudwarden.core.trigger.EventDecoder;
import java.util.Objects;
import java.util.Optional;

/**
 * What one entry point tells the shared {@link FunctionRunner} about its cloud and its function platform: everything
 * that differs between Lambda, Azure Functions and Cloud Functions, so that the runner itself names none of them.
 * The entry point's wiring class builds one, once.
 *
 * @param events            the cloud's event decoder: its limits read every event, and its {@code decode} serves a
 *                          handler that takes any of the cloud's events
 * @param cloudName         the cloud as messages name it ({@code AWS})
 * @param regionVariable    the environment variable in which the platform tells the function its region ({@code AWS_REGION});
 *                          what a region name looks like is the cloud's to say ({@code CloudNames.regionProblem})
 * @param defaultPolicyFile where the policy is when neither {@code CLOUDWARDEN_POLICY} nor {@code CLOUDWARDEN_POLICY_FILE} says
 * @param findingsExport    the cloud's security-findings service, when the function can export its findings there
 */
public record Platform(EventDecoder events, String cloudName, String regionVariable, String defaultPolicyFile,
                       Optional<FindingsExport> findingsExport) {
    public Platform {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(cloudName, "cloudName");
        Objects.requireNonNull(regionVariable, "regionVariable");
        Objects.requireNonNull(defaultPolicyFile, "defaultPolicyFile");
        findingsExport = Objects.requireNonNullElse(findingsExport, Optional.empty());
    }

    /**
     * The export of every run's findings to the cloud's security-findings service (AWS Security Hub), switched on by
     * an environment variable.
     *
     * @param switchVariable the variable that turns it on ({@code CLOUDWARDEN_SECURITY_HUB}), {@code true} or {@code false}
     * @param service        the service, for messages ({@code Security Hub})
     * @param logType        the {@code type} of the log line that says how an export went ({@code security-hub-export})
     * @param whenAbsent     why the provider may offer no export, for the message at start ({@code the Security Hub SDK
     *                       module (…) is not in this deployment})
     */
    public record FindingsExport(String switchVariable, String service, String logType, String whenAbsent) {
        public FindingsExport {
            Objects.requireNonNull(switchVariable, "switchVariable");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(logType, "logType");
            Objects.requireNonNull(whenAbsent, "whenAbsent");
        }
    }
}
