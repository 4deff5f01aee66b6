package dev.cloudwarden.azureemulator;

import java.util.Objects;

/**
 * An error as ARM answers it: an HTTP status and the {@code CloudError} body's code and message. The codes and
 * messages are the ones real Azure sends, where a recorded response was found (the source is named at each); the
 * rest follow the pattern of their siblings and say so.
 */
record ArmError(int status, String code, String message) {
    ArmError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** ARM's answer for a missing top-level resource (recorded in microsoft/onefuzz PR #1904). */
    static ArmError resourceNotFound(String type, String name, String resourceGroup) {
        return new ArmError(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group '"
                + resourceGroup + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    /** The network resource provider's answer for a missing child resource, such as a security rule. */
    static ArmError childNotFound(String id) {
        return new ArmError(404, "NotFound", "Resource " + id + " not found.");
    }

    static ArmError resourceGroupNotFound(String resourceGroup) {
        return new ArmError(404, "ResourceGroupNotFound", "Resource group '" + resourceGroup + "' could not be found.");
    }

    static ArmError subscriptionNotFound(String subscription) {
        return new ArmError(404, "SubscriptionNotFound", "The subscription '" + subscription + "' could not be found.");
    }

    static ArmError missingApiVersion() {
        return new ArmError(400, "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
    }

    /** The network resource provider's answer to a body it cannot read. */
    static ArmError invalidRequestFormat(String why) {
        return new ArmError(400, "InvalidRequestFormat", "Cannot parse the request. " + why);
    }

    /** Two rules of one direction with one priority (recorded: Azure/aks-engine#2106, hashicorp/terraform-provider-azurerm#11137). */
    static ArmError conflict(String existingRule, String newRule) {
        return new ArmError(400, "SecurityRuleConflict", "Security rule " + existingRule + " conflicts with rule " + newRule
                + ". Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.");
    }

    /** Recorded for a source address (clong/DetectionLab#479); the other parameters by the same pattern. */
    static ArmError parameterMissing(String parameter, String ruleId) {
        return new ArmError(400, "SecurityRuleParameterMissing", "Required security rule parameter " + parameter
                + " is missing for security rule with Id: " + ruleId + ".");
    }

    /** Recorded (Azure/sap-hana#135): neither prefix, prefixes nor application security groups on one side. */
    static ArmError parametersMissing(String side, String ruleId) {
        return new ArmError(400, "SecurityRuleParametersMissing", "Required security rule parameters are missing for "
                + "security rule with Id: " + ruleId + ". Security rule must specify " + side + "AddressPrefixes, " + side
                + "AddressPrefix, or " + side + "ApplicationSecurityGroups.");
    }

    /** Recorded for Priority (an az CLI test) and Protocol (Azure/azure-cli#25181); Access and Direction by the same pattern. */
    static ArmError invalidValue(String parameter, String provided, String allowed) {
        return new ArmError(400, "SecurityRuleInvalid" + parameter, "Security rule has invalid " + parameter
                + ". Value provided: " + provided + " " + allowed + ".");
    }

    static ArmError invalidPortRange(String provided) {
        return new ArmError(400, "SecurityRuleInvalidPortRange", "Security rule has invalid Port range. Value provided: "
                + provided + ". Value should be an integer OR integer range with '-' delimiter. Valid range 0-65535.");
    }

    /** Recorded for a tag in a destination (an az CLI run); Azure refuses tags and {@code *} in the plural members. */
    static ArmError unsupportedValue(String parameter, String ruleId, String value) {
        return new ArmError(400, "SecurityRuleParameterContainsUnsupportedValue", "Security rule parameter " + parameter
                + " for rule with Id " + ruleId + " cannot specify existing VIRTUALNETWORK, INTERNET, AZURELOADBALANCER, "
                + "'*' or system tags. Unsupported value used: " + value + ".");
    }

    /** Code as reported for {@code *} in {@code destinationPortRanges}; the message is this server's. */
    static ArmError invalidPortRanges(String parameter, String ruleId, String value) {
        return new ArmError(400, "SecurityRuleParameterContainsInvalidPortRanges", "Security rule parameter " + parameter
                + " for rule with Id " + ruleId + " contains an invalid port range: " + value + ".");
    }

    /** ARM's throttling answer (request-limits-and-throttling); {@code kind} is {@code read} or {@code write}. */
    static ArmError throttled(String subscription, String kind, int retryAfterSeconds) {
        return new ArmError(429, "SubscriptionRequestsThrottled", "Number of '" + kind + "' requests for subscription '"
                + subscription + "' actor 'cloudwarden' exceeded. Please try again after '" + retryAfterSeconds
                + "' seconds after additional '" + kind + "' requests.");
    }

    /** Not ARM: a request this emulator does not answer. 501 is not retried by the Azure SDK, so it fails at once. */
    static ArmError notEmulated(String method, String path) {
        return new ArmError(501, "NotImplementedInArmServer", "ArmServer does not answer " + method + " " + path
                + " (see dev.cloudwarden.azureemulator.ArmServer for what it serves).");
    }
}
