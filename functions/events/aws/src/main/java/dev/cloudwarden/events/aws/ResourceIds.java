package dev.cloudwarden.events.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Where a CloudTrail record holds the ids of the resources a call created or changed, written once: the same fields
 * give the path a refusal names ({@code detail.responseElements.volumeId}) and the reading of it, so the two cannot
 * drift apart.
 *
 * @param path   where the ids are, as a refusal names it
 * @param reader reads them from a record's {@code detail}
 */
record ResourceIds(String path, BiConsumer<JsonNode, List<String>> reader) {
    public ResourceIds {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reader, "reader");
    }

    /** The id at {@code detail.<fields>}. */
    public static ResourceIds at(String... fields) {
        return new ResourceIds(path(fields), (detail, ids) -> add(ids, walk(detail, fields)));
    }

    /** The {@code idField} of each entry of the list at {@code detail.<list>}. */
    public static ResourceIds inEach(String idField, String... list) {
        return new ResourceIds(path(list) + "[]." + idField, (detail, ids) -> walk(detail, list).forEach(entry -> add(ids, entry.path(idField))));
    }

    /** {@link #inEach}, where CloudTrail records one entry as an object and several as an array. */
    public static ResourceIds inEachOfOneOrMany(String idField, String... list) {
        return new ResourceIds(path(list) + "[]." + idField, (detail, ids) -> {
            JsonNode entries = walk(detail, list);
            if (entries.isArray()) {
                entries.forEach(entry -> add(ids, entry.path(idField)));
            } else if (entries.isObject()) {
                add(ids, entries.path(idField));
            }
        });
    }

    /** Each entry of the list at {@code detail.<list>}, itself an id (an ARN). */
    public static ResourceIds each(String... list) {
        return new ResourceIds(path(list) + "[]", (detail, ids) -> walk(detail, list).forEach(entry -> add(ids, entry)));
    }

    /**
     * The ids {@code call} names, each once, in the order recorded.
     *
     * @throws dev.cloudwarden.core.trigger.UnsupportedEventException when it names none
     */
    public List<String> of(CloudTrailCall call) {
        List<String> ids = new ArrayList<>();
        reader.accept(call.detail(), ids);
        if (ids.isEmpty()) {
            throw call.namesNo("resource", path);
        }
        return ids;
    }

    private static JsonNode walk(JsonNode node, String... fields) {
        for (String field : fields) {
            node = node.path(field);
        }
        return node;
    }

    private static String path(String... fields) {
        return "detail." + String.join(".", fields);
    }

    private static void add(List<String> ids, JsonNode value) {
        if (value.isTextual() && !value.textValue().isBlank() && !ids.contains(value.textValue())) {
            ids.add(value.textValue());
        }
    }
}
