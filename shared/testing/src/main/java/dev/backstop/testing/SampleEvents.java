package dev.backstop.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The payloads under the repository's {@code events/} folder, read as tests need them. */
public final class SampleEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SampleEvents() {
    }

    /** The path of a sample, such as {@code cloudtrail/stop-logging.json}. */
    public static Path path(String name) {
        return eventsFolder().resolve(name);
    }

    public static ObjectNode read(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(path(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample after an edit, as the bytes a handler would receive. */
    public static byte[] edited(String name, Consumer<ObjectNode> edit) {
        ObjectNode event = read(name);
        edit.accept(event);
        return event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * An event id of CloudTrail's shape (a UUID), so tests can name their events: the name itself
     * when it has the shape, else the same UUID for the same name.
     */
    public static String eventId(String name) {
        if (name.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return name;
        }
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static Path eventsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }
}
