package dev.cloudwarden.events.aws;

import static dev.cloudwarden.core.trigger.EventFields.kind;
import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.regionProblem;
import static dev.cloudwarden.core.trigger.EventFields.required;
import static dev.cloudwarden.core.trigger.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.util.regex.Pattern;

/**
 * The envelope of an EventBridge event, which every decoder checks before it reads anything else: {@code detail-type},
 * {@code source}, {@code account} (an AWS account id: the function acts only on its own account's events, and
 * compares) and {@code region} (an AWS region name: clients are built from it), each a non-empty string; {@code id} a
 * string when present, {@code detail} an object when present. What an AWS region name looks like is the AWS provider
 * module's to say ({@code CloudNames.regionProblem}): every deployment that decodes AWS events carries it.
 */
final class Envelope {
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private Envelope() {
    }

    static void check(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new UnsupportedEventException("the event is " + kind(event) + ", not a JSON object: expected "
                    + AwsEvents.JSON.oneEvent());
        }
        detailType(event);
        source(event);
        String account = required(event, "account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new UnsupportedEventException("event field 'account' is not an AWS account id (12 digits): " + quote(account));
        }
        String region = required(event, "region");
        regionProblem(Providers.find(CloudId.AWS).names(), region).ifPresent(problem -> {
            throw new UnsupportedEventException("event field 'region': " + problem);
        });
        text(event, "id");
        JsonNode detail = event.path("detail");
        if (!detail.isMissingNode() && !detail.isObject()) {
            throw new UnsupportedEventException("event field 'detail' is " + kind(detail) + ", expected an object");
        }
    }

    static String detailType(JsonNode event) {
        return required(event, "detail-type");
    }

    static String source(JsonNode event) {
        return required(event, "source");
    }
}
