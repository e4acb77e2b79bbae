package dev.backstop.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checked reads of what a {@link JsonApi} call answered: an answer without a field the call always
 * returns is named, with the call, instead of read as empty.
 */
public final class JsonAnswers {

    private JsonAnswers() {
    }

    /** The text at {@code field}, which the call always returns. */
    public static String text(JsonNode answer, String field, String call) {
        JsonNode value = answer.path(field);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw new IllegalStateException(call + " answered without " + field + ": " + abbreviated(answer));
        }
        return value.asText();
    }

    /** The strings of the list at {@code field}; absent reads as empty, anything but a list of strings fails. */
    public static List<String> texts(JsonNode answer, String field, String call) {
        JsonNode value = answer.path(field);
        List<String> texts = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return texts;
        }
        if (!value.isArray()) {
            throw new IllegalStateException(call + " answered " + field + " that is no list: " + abbreviated(answer));
        }
        value.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** The objects of the list at {@code field}; absent reads as empty. */
    public static List<JsonNode> objects(JsonNode answer, String field, String call) {
        JsonNode value = answer.path(field);
        List<JsonNode> objects = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return objects;
        }
        if (!value.isArray()) {
            throw new IllegalStateException(call + " answered " + field + " that is no list: " + abbreviated(answer));
        }
        value.forEach(item -> {
            if (!item.isObject()) {
                throw new IllegalStateException(call + " answered an entry of " + field + " that is no object: "
                        + abbreviated(answer));
            }
            objects.add(item);
        });
        return objects;
    }

    private static String abbreviated(JsonNode answer) {
        String text = answer.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
