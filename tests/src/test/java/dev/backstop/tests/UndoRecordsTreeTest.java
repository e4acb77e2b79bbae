package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every action's undo record, as {@link UndoFormat} writes it (its components read through the
 * record's accessors), against what the bean mapper it used before writes for the same record:
 * the stored undo data must keep its shape. Each record is made with sample values of its
 * components' types, or the values its own checks want ({@link #CHECKED}); one whose checks
 * refuse them is named.
 */
class UndoRecordsTreeTest {

    private static final ObjectMapper BEANS = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Object NULL = new Object();

    /** Samples for components whose records check more than their type. */
    private static final Map<String, Object> CHECKED = Map.of(
            "RestoreLifecycleUndo.before", lifecycle("expire-old"),
            "RestoreLifecycleUndo.restored", lifecycle("expire-older"),
            "RestoreTrailSettingsUndo.previous", Map.of("s3KeyPrefix", "old/", "isMultiRegionTrail", "false"),
            "RestoreTrailSettingsUndo.restored", Map.of("s3KeyPrefix", "logs/", "isMultiRegionTrail", "true"),
            "BlockPublicAccessUndo.accountId", NULL,
            "RestoreRetentionUndo.before", "30",
            "RestoreRetentionUndo.restored", "365");

    @Test
    void everyUndoRecordIsWrittenAsTheBeanMapperWroteIt() {
        List<Class<?>> undoRecords = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages("dev.backstop").stream()
                .filter(type -> type.isAssignableTo(UndoData.class))
                .map(JavaClass::reflect)
                .filter(Class::isRecord)
                .distinct()
                .toList();
        List<String> refused = new ArrayList<>();
        int compared = 0;

        for (Class<?> type : undoRecords) {
            UndoData undo = (UndoData) sample(type, refused);
            if (undo == null) {
                continue;
            }
            ObjectNode expected = BEANS.createObjectNode().put("undoVersion", UndoFormat.VERSION).put("call", undo.call());
            expected.setAll((ObjectNode) BEANS.valueToTree(undo));
            ObjectNode written = UndoFormat.write(undo);
            assertThat(written).as(type.getName()).isEqualTo(expected);
            assertThat(written.toString()).as(type.getName()).isEqualTo(expected.toString());
            compared++;
        }

        assertThat(undoRecords).hasSizeGreaterThan(30);
        assertThat(refused).isEmpty();
        assertThat(compared).isEqualTo(undoRecords.size());
    }

    /** A record of sample components, or null (named in {@code refused}) when its checks refuse them. */
    private static Object sample(Class<?> type, List<String> refused) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object checked = CHECKED.get(type.getSimpleName() + "." + components[i].getName());
            values[i] = checked == NULL ? null
                    : checked != null ? checked : value(components[i].getGenericType(), components[i].getName(), refused);
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            refused.add(type.getSimpleName() + ": " + e.getCause().getMessage());
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName(), e);
        }
    }

    private static JsonNode lifecycle(String id) {
        return BEANS.createArrayNode().add(BEANS.createObjectNode().put("ID", id).put("Status", "Enabled")
                .set("Expiration", BEANS.createObjectNode().put("Days", 30)));
    }

    private static Object value(Type type, String name, List<String> refused) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        Type[] arguments = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments() : new Type[0];
        if (raw == String.class) {
            return "arn:aws:iam::123456789012:role/" + name;
        }
        if (raw == int.class || raw == Integer.class) {
            return 7;
        }
        if (raw == long.class || raw == Long.class) {
            return 9L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == double.class || raw == Double.class) {
            return 0.25;
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-11-20T10:30:12.734Z");
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return BEANS.createObjectNode().put("Version", "2012-10-17").set("Statement", BEANS.createArrayNode()
                    .add(BEANS.createObjectNode().put("Effect", "Allow").put("Principal", "*")));
        }
        if (raw == List.class) {
            return List.of(value(arguments[0], name, refused), value(arguments[0], name + "2", refused));
        }
        if (raw == Map.class) {
            return Map.of("k1", value(arguments[1], name, refused), "k2", value(arguments[1], name + "2", refused));
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw.isRecord()) {
            return sample(raw, refused);
        }
        throw new AssertionError("no sample value for a " + type + " (" + name + "): teach this test one");
    }
}
