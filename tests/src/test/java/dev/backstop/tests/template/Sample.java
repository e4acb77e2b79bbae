package dev.backstop.tests.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A sample event from events/: its path there ("cloudtrail/stop-logging.json") and its EventBridge envelope. */
record Sample(String name, JsonNode event) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every file under events/, in any folder: each one is an event the template must route. */
    static List<Sample> all() {
        Path events = Checkout.file("events");
        try (Stream<Path> files = Files.walk(events)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(file -> read(file, events.relativize(file).toString().replace('\\', '/')))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** False for a payload that is no EventBridge event (an SNS delivery, a Lambda alarm action): no rule can see it. */
    boolean eventBridge() {
        return event.has("detail-type");
    }

    private static Sample read(Path file, String name) {
        try {
            return new Sample(name, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("events/" + name + " is not a JSON event", e);
        }
    }
}
