package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Trail configurations and selectors as JSON text, for the snapshot items (and version 1 undo data).
 * Its own plain mapper: the values are records of strings, booleans, lists and maps.
 */
final class SnapshotJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trail configuration is plain data and always serialises", e);
        }
    }

    /** Reads {@code text} as a {@code type}; {@code what} says where it came from if it cannot. */
    static <T> T read(String text, Class<T> type, String what) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
