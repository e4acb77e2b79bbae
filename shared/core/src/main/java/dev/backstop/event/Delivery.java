package dev.backstop.event;

import java.util.Objects;

/**
 * One trigger read from a delivered payload, or a part of the payload that could not be read.
 *
 * @param raw the bytes a rejected part was read from, which key its audit record; null for a trigger
 */
public record Delivery(Trigger trigger, MalformedEventException error, byte[] raw) {

    public Delivery {
        if ((trigger == null) == (error == null)) {
            throw new IllegalArgumentException("a delivery is either a trigger or an error");
        }
        if (error != null) {
            Objects.requireNonNull(raw, "raw");
        }
    }

    public static Delivery of(Trigger trigger) {
        return new Delivery(trigger, null, null);
    }

    public static Delivery rejected(byte[] raw, MalformedEventException error) {
        return new Delivery(null, error, raw);
    }
}
