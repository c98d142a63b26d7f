package org.oncopredict.efficacy.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON checks and event details of the registry; validation runs in record constructors, hence static. */
final class Json {

    // Trailing tokens would be accepted by Jackson's default but refused by PostgreSQL's jsonb.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Throws IllegalArgumentException naming {@code field} unless {@code json} is one JSON object jsonb accepts. */
    static void requireObject(String field, String json) {
        Checks.notBlank(field, json);
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // The location only: the text itself is not echoed into messages.
            throw new IllegalArgumentException(field + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
        // jsonb cannot store the NUL character; better a clear message here than an SQL error later.
        if (containsNul(node)) {
            throw new IllegalArgumentException(field + " must not contain the character \\u0000");
        }
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (var entry : node.properties()) {
            if (entry.getKey().indexOf('\0') >= 0 || containsNul(entry.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising an event detail failed", e);
        }
    }
}
