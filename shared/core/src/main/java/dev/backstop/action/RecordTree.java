package dev.backstop.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A plain record as the JSON tree databind's bean serializer makes of it with
 * {@code NON_NULL} inclusion and ISO-8601 instants (components in order, null components left
 * out), read through the record's accessors instead of bean introspection, which costs an
 * enforcing decision's cold start about fifty milliseconds of CPU and the Java-time module.
 *
 * <p>Only what it knows to write as databind does: texts, booleans, ints, longs, doubles,
 * instants, trees, lists, maps with text keys and no null values, and records without
 * annotations or public {@code get}/{@code is} methods (which databind would also write). Any
 * other value (an enum, a set, an optional, an annotated record) is handed to {@code fallback},
 * the mapper itself, so the output never differs; {@code RecordTreeTest} and the integration
 * tests' {@code UndoRecordsTreeTest} compare the two.
 */
final class RecordTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordTree() {
    }

    /** The record's components; {@code fallback} writes what this class does not know. */
    static JsonNode of(Record record, Function<Object, JsonNode> fallback) {
        if (!plain(record.getClass())) {
            return fallback.apply(record);
        }
        ObjectNode node = NODES.objectNode();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(component, record);
            if (value != null) {
                node.set(component.getName(), value(value, fallback));
            }
        }
        return node;
    }

    private static JsonNode value(Object value, Function<Object, JsonNode> fallback) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof JsonNode tree) {
            return tree.deepCopy();
        }
        if (value instanceof Record nested) {
            return of(nested, fallback);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(element -> array.add(value(element, fallback)));
            return array;
        }
        if (value instanceof Map<?, ?> map && map.entrySet().stream()
                .allMatch(entry -> entry.getKey() instanceof String && entry.getValue() != null)) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> object.set((String) key, value(element, fallback)));
            return object;
        }
        return fallback.apply(value);
    }

    /** No annotations that could steer databind, and no public getter it would write besides the components. */
    private static boolean plain(Class<?> type) {
        if (type.getAnnotations().length > 0) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getAnnotations().length > 0 || component.getAccessor().getAnnotations().length > 0) {
                return false;
            }
        }
        for (Method method : type.getMethods()) {
            String name = method.getName();
            boolean getter = method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && !name.equals("getClass") && (name.startsWith("get") || name.startsWith("is"));
            if (getter) {
                return false;
            }
        }
        return true;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("the component " + component.getName() + " of "
                    + record.getClass().getSimpleName() + " cannot be read", e);
        }
    }
}
