package dev.backstop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the undo data actions store in their audit records, one per action (and case)
 * and version of the stored shape, under the module's {@code src/test/resources/undo/}: a record
 * written in any version must still be undone after a refactoring. Version 1 files were captured
 * from the code that wrote untyped undo data; they are never rewritten. To write a current
 * version's files anew: {@code -Dgolden.update=true}.
 */
public final class UndoGolden {

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

    private static Path file(String name, int version) {
        return DIR.resolve(name + ".v" + version + ".json");
    }
}
