package dev.cloudwarden.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The JSON side of AWS JSON 1.1 as the gap server needs it: reading request members, writing timestamps as the
 * protocol does (epoch seconds as a number, milliseconds as the fraction), and opaque paging tokens.
 */
final class SsmJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // AWS ignores members it does not know
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)) // absent: left out
            .build();

    private SsmJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The request body as a JSON object; an empty body is an empty object, as the SDK sends {@code {}} anyway. */
    static Optional<ObjectNode> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.of(object());
        }
        try {
            JsonNode node = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A member's text, or null when absent or JSON null. */
    static String text(JsonNode parent, String member) {
        JsonNode value = parent.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A member that is present and not JSON null. */
    static boolean has(JsonNode parent, String member) {
        JsonNode value = parent.get(member);
        return value != null && !value.isNull();
    }

    /** The texts of a list member; empty when absent. */
    static List<String> texts(JsonNode parent, String member) {
        List<String> texts = new ArrayList<>();
        JsonNode list = parent.get(member);
        if (list != null && list.isArray()) {
            list.forEach(v -> texts.add(v.asText()));
        }
        return texts;
    }

    /** A timestamp as AWS JSON writes it: seconds since the epoch, milliseconds as the fraction. */
    static BigDecimal seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3);
    }

    /** A timestamp as moto writes it in its JSON answers (epoch seconds, possibly fractional). */
    static Instant instant(JsonNode seconds) {
        if (seconds == null || !seconds.isNumber()) {
            return Instant.EPOCH;
        }
        return Instant.ofEpochMilli(seconds.decimalValue().movePointRight(3).longValue());
    }

    /** One page of a listing and the token of the next one (null on the last page). */
    record Page<T>(List<T> items, String nextToken) {
        Page {
            items = List.copyOf(items);
        }
    }

    /**
     * The page of {@code all} that {@code token} (null: the first) points at, {@code size} items long; empty when
     * the token was not issued by this server for {@code operation}. Tokens are opaque to the caller, and name
     * the operation so that one operation's token is refused by another, as AWS refuses foreign tokens.
     */
    static <T> Optional<Page<T>> page(List<T> all, String operation, String token, int size) {
        int from = 0;
        if (token != null && !token.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            String prefix = operation + "/";
            if (!decoded.startsWith(prefix)) {
                return Optional.empty();
            }
            try {
                from = Integer.parseInt(decoded.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (from < 0 || from > all.size()) {
                return Optional.empty();
            }
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString((operation + "/" + to).getBytes(StandardCharsets.UTF_8))
                : null;
        return Optional.of(new Page<>(all.subList(from, to), next));
    }
}
