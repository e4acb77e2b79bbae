package dev.backstop.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How an action's {@link UndoData} is kept in its audit record, and read back in whichever
 * version of the stored shape wrote it, so that a change recorded before a refactoring can still
 * be undone after it. The versions:
 *
 * <ul>
 *   <li><b>1</b>, written before undo data was typed: a flat JSON object of strings with no
 *       {@code undoVersion} field, some values JSON held as text, as
 *       {@code {"call":"StopLogging","name":"arn:..."}}. The action reads it with the function it
 *       gives {@link #of}.
 *   <li><b>2</b>, written now: {@code {"undoVersion":2,"call":"StopLogging",...}}, the record's
 *       components by Jackson (lists, maps and nested records as JSON, absent values left out).
 *       The field is {@code undoVersion}, not {@code version}, which some actions' data holds
 *       (a Lambda alias's version), in version 1 too.
 * </ul>
 *
 * <p>A version this Backstop does not know (written by a newer one) is refused, naming it,
 * rather than read wrong. Changing a record's shape is a new version: raise {@link #VERSION}, and
 * teach {@link #read} the version before (it reads version 1 and the current one only).
 *
 * <pre>{@code
 * static final UndoFormat<StartLoggingUndo> UNDO = UndoFormat.of(StartLoggingUndo.class,
 *         version1 -> new StartLoggingUndo(version1.get("name")));
 * ObjectNode stored = UndoFormat.write(plan.undo());   // what the audit record keeps
 * StartLoggingUndo undo = UNDO.read(stored);            // version 1 or 2
 * }</pre>
 *
 * @param <T> the action's undo record
 */
public final class UndoFormat<T extends UndoData> {

    /** The version {@link #write} writes. */
    public static final int VERSION = 2;
    static final String VERSION_FIELD = "undoVersion";
    static final String CALL_FIELD = "call";

    /**
     * Built when undo data is first read, or written with a value {@link RecordTree} leaves to it,
     * not when an action's format constant loads: a decision then loads no Java-time module.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private final Class<T> type;
    private final Function<Map<String, String>, T> version1;

    private UndoFormat(Class<T> type, Function<Map<String, String>, T> version1) {
        this.type = Objects.requireNonNull(type, "type");
        this.version1 = Objects.requireNonNull(version1, "version1");
    }

    /** The format of an action's record, with how to read what version 1 stored (its strings, by key). */
    public static <T extends UndoData> UndoFormat<T> of(Class<T> type, Function<Map<String, String>, T> version1) {
        return new UndoFormat<>(type, version1);
    }

    /**
     * The format of an action that came after version 1, so never stored it: undo data without a
     * version is refused, naming the action's record.
     */
    public static <T extends UndoData> UndoFormat<T> of(Class<T> type) {
        return new UndoFormat<>(type, version1 -> {
            throw new IllegalArgumentException("the undo data has no version and so is of version 1, which no "
                    + type.getSimpleName() + " was ever stored in");
        });
    }

    /** The undo data as the audit record keeps it, in the current version. */
    public static ObjectNode write(UndoData undo) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode().put(VERSION_FIELD, VERSION).put(CALL_FIELD, undo.call());
        ObjectNode components = components(undo);
        if (components.has(VERSION_FIELD) || components.has(CALL_FIELD)) {
            throw new IllegalArgumentException(undo.getClass().getSimpleName() + " has a component named "
                    + VERSION_FIELD + " or " + CALL_FIELD + ", which the stored undo data keeps for itself");
        }
        return stored.setAll(components);
    }

    /** The undo's call with the record's components, {@code StopLogging name=arn:...}, texts unquoted. */
    static String describe(UndoData undo) {
        StringBuilder line = new StringBuilder(undo.call());
        components(undo).fields().forEachRemaining(component -> line.append(' ')
                .append(component.getKey()).append('=').append(component.getValue().isTextual()
                        ? component.getValue().textValue() : component.getValue().toString()));
        return line.toString();
    }

    /** The record's components, read through its accessors; the mapper only for what {@link RecordTree} does not know. */
    private static ObjectNode components(UndoData undo) {
        // A lambda, not Json.MAPPER::valueToTree, which would build the mapper (and load its Java-time module) at once.
        Function<Object, JsonNode> mapper = value -> Json.MAPPER.valueToTree(value);
        JsonNode components = undo instanceof Record record ? RecordTree.of(record, mapper) : mapper.apply(undo);
        if (!components.isObject()) {
            throw new IllegalArgumentException(undo.getClass().getSimpleName() + " is not written as a JSON object");
        }
        return (ObjectNode) components;
    }

    /** The record the stored undo data holds, whichever version wrote it. */
    public T read(JsonNode stored) {
        if (stored == null || !stored.isObject() || stored.isEmpty()) {
            throw new IllegalArgumentException("the audit record holds no undo data for a " + type.getSimpleName());
        }
        JsonNode version = stored.get(VERSION_FIELD);
        if (version == null) {
            // Version 1 named no version of its own.
            return version1.apply(strings(stored));
        }
        if (!version.isInt() || version.intValue() != VERSION) {
            throw new IllegalArgumentException("the undo data is of version " + version + ", which this Backstop does not"
                    + " read (it reads versions 1 to " + VERSION + "): undo it with the Backstop that wrote it");
        }
        ObjectNode components = ((ObjectNode) stored).deepCopy();
        components.remove(VERSION_FIELD);
        components.remove(CALL_FIELD);
        try {
            return Json.MAPPER.treeToValue(components, type);
        } catch (JsonProcessingException e) {
            // The record's own check names the field at fault better than Jackson's wrapper does.
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalArgumentException("the undo data is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Version 1 held strings only. */
    private static Map<String, String> strings(JsonNode stored) {
        Map<String, String> values = new LinkedHashMap<>();
        stored.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("the undo data has no version and so is of version 1, which holds"
                        + " strings only, but its " + field.getKey() + " is " + field.getValue());
            }
            values.put(field.getKey(), field.getValue().textValue());
        });
        return Collections.unmodifiableMap(values);
    }
}
