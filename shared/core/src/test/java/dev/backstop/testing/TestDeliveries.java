package dev.backstop.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.Delivery;
import java.util.List;

/** Payloads read into deliveries for the engine, as the handlers read them. */
public final class TestDeliveries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDeliveries() {
    }

    /** A CloudTrail function's payload: one event, or its rejection. */
    public static Delivery apiCall(byte[] payload) {
        return new CloudTrailEventParser().delivery(payload);
    }

    /** An alarm function's payload: every alarm of it, in delivery order. */
    public static List<Delivery> alarms(byte[] payload) {
        return new AlarmPayloadParser().deliveries(payload);
    }
}
