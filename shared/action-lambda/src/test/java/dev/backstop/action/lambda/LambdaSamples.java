package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.testing.SampleEvents;
import java.util.function.Consumer;

/** The samples under events/lambda, parsed as the engine parses them. */
final class LambdaSamples {

    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private LambdaSamples() {
    }

    static CloudTrailEvent event(String sample) {
        return event(sample, event -> { });
    }

    static CloudTrailEvent event(String sample, Consumer<ObjectNode> edit) {
        try {
            return PARSER.parse(SampleEvents.edited("lambda/" + sample, edit));
        } catch (MalformedEventException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode detail(ObjectNode event) {
        return SampleEvents.detail(event);
    }
}
