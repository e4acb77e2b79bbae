package dev.backstop.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The payloads the benchmarks feed the engine: the StopLogging sample, and a varied mix. */
final class BenchEvents {

    /** The trail the StopLogging sample names. */
    static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";

    private static final String SAMPLE = "cloudtrail/stop-logging.json";

    private BenchEvents() {
    }

    /** The repository's StopLogging sample, as EventBridge delivers it. */
    static byte[] stopLogging() {
        return SampleEvents.read(SAMPLE).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code count} events shaped like the sample but about other calls: three in four are calls
     * some rule watches, one in four a call none does; callers, addresses, ports and failures vary.
     */
    static List<byte[]> mix(int count, long seed) {
        Random random = new Random(seed);
        String[] identityTypes = {"AssumedRole", "IAMUser", "Root", "AWSService"};
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ApiCalls.Call call = i % 4 == 3
                    ? ApiCalls.UNWATCHED.get(random.nextInt(ApiCalls.UNWATCHED.size()))
                    : ApiCalls.ALL.get(random.nextInt(ApiCalls.ALL.size()));
            int n = i;
            events.add(SampleEvents.edited(SAMPLE, event -> {
                event.put("id", "bench-" + n).put("source", call.source());
                ObjectNode detail = SampleEvents.detail(event);
                detail.put("eventID", new java.util.UUID(0, n).toString()).put("eventName", call.eventName())
                        .put("eventSource", call.eventSource())
                        .put("sourceIPAddress", "198.51." + random.nextInt(256) + "." + random.nextInt(256));
                ObjectNode identity = (ObjectNode) detail.get("userIdentity");
                identity.put("type", identityTypes[random.nextInt(identityTypes.length)])
                        .put("arn", "arn:aws:sts::123456789012:assumed-role/Team" + random.nextInt(20) + "/user" + n);
                ObjectNode request = detail.putObject("requestParameters");
                request.put("name", "resource-" + n).put("fromPort", random.nextInt(65536)).put("toPort", 65535);
                if (random.nextInt(10) == 0) {
                    detail.put("errorCode", "AccessDenied").put("errorMessage", "User is not authorized");
                }
            }));
        }
        return events;
    }
}
