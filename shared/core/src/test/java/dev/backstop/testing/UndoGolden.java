package dev.backstop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Golden files of the undo data actions store in their audit records, one per action (and case)
 * and version of the stored shape, under the module's {@code src/test/resources/undo/}: a record
 * written in any version must still be undone after a refactoring. Version 1 files were captured
 * from the code that wrote untyped undo data; they are never rewritten. To write a current
 * version's files anew: {@code -Dgolden.update=true}.
 */
public final class UndoGolden {

    /**
     * A world in which an action's change was planned and applied, and what shows whether it is
     * undone: {@code state} read before the change ({@code before}) and again after an undo.
     */
    public record Applied(RemediationAction action, ActionPlan plan, Supplier<Object> state, Object before) {

        /** Reads the state, applies the plan, and checks that the state changed. */
        public static Applied apply(RemediationAction action, ActionPlan plan, Supplier<Object> state) {
            Object before = state.get();
            action.apply(plan);
            assertThat(state.get()).as("the state after %s is applied", plan.action()).isNotEqualTo(before);
            return new Applied(action, plan, state, before);
        }
    }

    private static final Path DIR = Path.of("src/test/resources/undo");
    private static final ObjectMapper JSON = new ObjectMapper();

    private UndoGolden() {
    }

    /** The stored undo data of the golden file. */
    public static JsonNode read(String name, int version) {
        try {
            return JSON.readTree(Files.readString(file(name, version), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("no golden undo data " + file(name, version), e);
        }
    }

    /** Asserts the payload is the golden file's, character by character (or writes it, with -Dgolden.update=true). */
    public static void assertGolden(String name, int version, JsonNode payload) {
        Path file = file(name, version);
        try {
            String written = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(payload) + "\n";
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, written, StandardCharsets.UTF_8);
            }
            assertThat(written).as("undo data of %s, against %s", name, file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("no golden undo data " + file + " (write it with -Dgolden.update=true)", e);
        }
    }

    /**
     * What every undoable action's undo data must do: the plan writes the current version's golden
     * file; the record every version's golden file holds is the plan's; and a change undone from
     * every version's file, each in a world of its own, is undone.
     */
    public static <T extends UndoData> void assertEveryVersionIsUndone(String name, UndoFormat<T> format,
            Supplier<Applied> world) {
        assertEveryVersionIsUndone(name, format, 1, world);
    }

    /**
     * The same, for an action that came with a later version ({@code since}): it has golden files
     * from that version on, and undo data without a version (version 1) is refused.
     */
    public static <T extends UndoData> void assertEveryVersionIsUndone(String name, UndoFormat<T> format, int since,
            Supplier<Applied> world) {
        Applied first = world.get();
        assertGolden(name, UndoFormat.VERSION, UndoFormat.write(first.plan().undo()));
        if (since > 1) {
            ObjectNode version1 = UndoFormat.write(first.plan().undo());
            version1.remove("undoVersion");
            assertThatThrownBy(() -> first.action().readUndo(version1)).as("undo data of version 1")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
        }
        for (int version = since; version <= UndoFormat.VERSION; version++) {
            assertThat(format.read(read(name, version))).as("the record of version %d", version)
                    .isEqualTo(first.plan().undo());
            assertThat(first.action().readUndo(read(name, version))).as("the record the action reads from version %d",
                    version).isEqualTo(first.plan().undo());
            Applied applied = version == since ? first : world.get();
            applied.action().undo(read(name, version));
            assertThat(applied.state().get()).as("the state after an undo from version %d", version)
                    .isEqualTo(applied.before());
        }
    }

    /**
     * What an action that came after version 1 must do ({@link UndoFormat#of}): the plan writes
     * the current version's golden file, and the action reads the file back as the plan's record.
     * Returns the file's undo data, for the test to undo from in its world (an emulator's or a fake
     * service's).
     */
    public static JsonNode assertWrittenAndReadBack(RemediationAction action, ActionPlan plan) {
        assertGolden(plan.action(), UndoFormat.VERSION, UndoFormat.write(plan.undo()));
        JsonNode stored = read(plan.action(), UndoFormat.VERSION);
        assertThat(action.readUndo(stored)).as("the record the action reads").isEqualTo(plan.undo());
        return stored;
    }

    /**
     * The shape an action that came after version 1 stores {@code undo} in, where its service is
     * served by the emulators only (whose integration tests plan, store and undo it): the record
     * writes the current version's golden file, and the file reads back as the record.
     */
    public static <T extends UndoData> void assertStoredAs(String name, UndoFormat<T> format, T undo) {
        assertGolden(name, UndoFormat.VERSION, UndoFormat.write(undo));
        assertThat(format.read(read(name, UndoFormat.VERSION))).as("the record the golden file holds").isEqualTo(undo);
    }

    private static Path file(String name, int version) {
        return DIR.resolve(name + ".v" + version + ".json");
    }
}
