package dev.cloudwarden.core.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudId;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the event decoding module of a cloud on the class path, as {@code Providers} finds its provider module. None,
 * or two for one cloud, is an error that says which are present.
 */
public final class EventDecoders {
    private EventDecoders() {
    }

    /**
     * The decoder of {@code cloud}'s events.
     *
     * @throws IllegalStateException when no module on the class path decodes them, or more than one does
     */
    public static EventDecoder find(CloudId cloud) {
        return find(cloud, available());
    }

    /**
     * The decoder whose envelope {@code event} has, for a caller that does not know which cloud sent it.
     *
     * @throws UnsupportedEventException when no decoder on the class path recognises the event, or several do
     */
    public static EventDecoder recognising(JsonNode event) {
        return recognising(event, available());
    }

    static EventDecoder find(CloudId cloud, List<EventDecoder> available) {
        List<EventDecoder> matching = available.stream().filter(d -> d.cloud() == cloud).toList();
        if (matching.size() == 1) {
            return matching.getFirst();
        }
        if (matching.isEmpty()) {
            throw new IllegalStateException("no event decoding module for cloud '" + cloud.id()
                    + "' on the class path (decoders present: " + clouds(available) + ")");
        }
        throw new IllegalStateException("more than one event decoding module for cloud '" + cloud.id() + "': "
                + matching.stream().map(d -> d.getClass().getName()).collect(Collectors.joining(", ")));
    }

    static EventDecoder recognising(JsonNode event, List<EventDecoder> available) {
        List<EventDecoder> matching = available.stream().filter(d -> d.recognises(event)).toList();
        if (matching.isEmpty()) {
            throw new UnsupportedEventException("the event is not shaped like an event of any cloud cloudwarden reads here"
                    + " (decoders present: " + clouds(available) + ")");
        }
        // a decoder twice for one cloud is a broken class path, said as such by find
        CloudId first = matching.getFirst().cloud();
        if (matching.stream().anyMatch(d -> d.cloud() != first)) {
            throw new UnsupportedEventException("the event is shaped like an event of more than one cloud (" + clouds(matching)
                    + "): say which cloud it is from");
        }
        return find(first, available);
    }

    private static List<EventDecoder> available() {
        return ServiceLoader.load(EventDecoder.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    private static String clouds(List<EventDecoder> decoders) {
        return decoders.isEmpty() ? "none"
                : decoders.stream().map(d -> d.cloud().id()).distinct().sorted().collect(Collectors.joining(", "));
    }
}
