package dev.backstop.testing;

import java.time.Instant;
import software.amazon.awssdk.services.cloudtrail.model.Event;

/** CloudTrail event-history entries as LookupEvents returns them, for tests that fake it at the SDK edge. */
public final class CloudTrailHistory {

    private CloudTrailHistory() {
    }

    /** A Lambda call on a function, with the record LookupEvents carries in {@code CloudTrailEvent}. */
    public static Event lambdaCall(String id, String name, String function, Instant time, String caller, boolean readOnly) {
        String record = """
                {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","arn":"%s"},"eventTime":"%s",\
                "eventSource":"lambda.amazonaws.com","eventName":"%s","requestParameters":{"functionName":"%s"},\
                "readOnly":%s,"eventID":"%s"}""".formatted(caller, time, name, function, readOnly, id);
        return Event.builder().eventId(id).eventName(name).eventSource("lambda.amazonaws.com").eventTime(time)
                .username(caller.substring(caller.lastIndexOf('/') + 1)).cloudTrailEvent(record).build();
    }

    /** A call recorded with a resource name, by an IAM user (no ARN in the record: the user name serves). */
    public static Event namedCall(String id, String name, String source, Instant time, String userName) {
        String record = """
                {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","userName":"%s"},"eventTime":"%s",\
                "eventSource":"%s","eventName":"%s","readOnly":false,"eventID":"%s"}""".formatted(userName, time, source,
                name, id);
        return Event.builder().eventId(id).eventName(name).eventSource(source).eventTime(time).username(userName)
                .cloudTrailEvent(record).build();
    }
}
