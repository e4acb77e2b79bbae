package dev.backstop.event;

import java.time.Instant;
import java.util.Objects;

/** The EventBridge envelope around a delivered event. */
public record EventEnvelope(String id, String detailType, String source, String account, String region, Instant time) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }
}
