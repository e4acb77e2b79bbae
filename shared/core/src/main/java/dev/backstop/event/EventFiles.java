package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.inject.Inject;

/**
 * The CloudTrail events in a file, in any of the shapes people have them in: an EventBridge event
 * (what the handler receives), a bare CloudTrail record, or a CloudTrail log file
 * ({@code {"Records": [...]}}, as a trail writes it to S3), gzipped or not. A bare record is
 * wrapped in the envelope EventBridge would deliver it in, so rules match it as they would in Lambda.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(path)) {
 *     eventFiles.read(in, entry -> { if (entry.error() == null) { book.match(entry.event()); } });
 * }
 * }</pre>
 *
 * <p>Each event is read on its own: a malformed one becomes an entry with the reason (naming the
 * field as it is written in the file, {@code Records[3].eventTime}) and the others are still read.
 * A file of one document is read as an event is ({@link JsonInput}); a gzipped file, or one larger
 * than an event may be, is read as a log file, record by record ({@link CloudTrailLogReader}).
 */
public final class EventFiles {

    /**
     * One event of a file: {@code event} when it could be read, else {@code error}.
     *
     * @param where empty for a file of one event, {@code Records[3]} for a log file's fourth record
     * @param eventId the CloudTrail event id, when the file has one (even for a rejected event)
     * @param eventName the API call, when the file has one
     */
    public record Entry(String where, String eventId, String eventName, CloudTrailEvent event,
            MalformedEventException error) {

        public Entry {
            Objects.requireNonNull(where, "where");
            if ((event == null) == (error == null)) {
                throw new IllegalArgumentException("an entry is either an event or an error");
            }
        }
    }

    private final CloudTrailEventParser parser;
    private final RecordEnvelope wrapper;
    private final CloudTrailLogReader logs;

    @Inject
    public EventFiles(CloudTrailEventParser parser) {
        this.parser = parser;
        this.wrapper = new RecordEnvelope(parser);
        this.logs = new CloudTrailLogReader(parser, new ObjectMapper());
    }

    /** Every event in the file's bytes, in file order. */
    public List<Entry> read(byte[] content) {
        List<Entry> entries = new ArrayList<>();
        read(new ByteArrayInputStream(content), entries::add);
        return entries;
    }

    /**
     * Every event in the file, in file order, each handed over on its own: a log file is read one
     * record at a time, so no more than one record's tree is held however large the file.
     */
    public void read(InputStream content, Consumer<Entry> each) {
        BufferedInputStream in = new BufferedInputStream(content, 1 << 16);
        byte[] head;
        try {
            in.mark(JsonInput.MAX_BYTES + 2);
            head = in.readNBytes(JsonInput.MAX_BYTES + 1);
            in.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A log file is read record by record whatever its size, so that each record is held to the limits on its own.
        if (FileShapes.isGzip(head) || FileShapes.looksLikeLogFile(head)) {
            try (CloudTrailLog log = logs.open(in)) {
                log.forEachRemaining(each);
            }
        } else if (head.length <= JsonInput.MAX_BYTES) {
            document(head).forEach(each);
        } else {
            each.accept(rejected("", null, JsonInput.tooLarge(head.length)));
        }
    }

    /** A file of one document: an event, a record, or a log file small enough to be one. */
    private List<Entry> document(byte[] content) {
        JsonNode root;
        try {
            root = JsonInput.read(content);
            JsonFields.requireObject(root, "");
        } catch (MalformedEventException e) {
            return List.of(rejected("", null, e));
        }
        if (root.isObject() && root.has("Records")) {
            return logFile(root.get("Records"));
        }
        if (root.isObject() && (root.has("detail-type") || root.has("detail"))) {
            return List.of(envelope(root));
        }
        if (root.isObject() && (root.has("eventSource") || root.has("eventID"))) {
            return List.of(wrapper.wrap(root, ""));
        }
        return List.of(rejected("", root, new MalformedEventException("$", "neither an EventBridge event (detail-type),"
                + " a CloudTrail record (eventSource) nor a CloudTrail log file (Records)")));
    }

    private List<Entry> logFile(JsonNode records) {
        if (!records.isArray()) {
            return List.of(rejected("", null, new MalformedEventException("Records",
                    "expected a list of CloudTrail records, found " + JsonFields.kind(records))));
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            entries.add(wrapper.wrap(records.get(i), "Records[" + i + "]"));
        }
        return entries;
    }

    private Entry envelope(JsonNode root) {
        try {
            CloudTrailEvent event = parser.parseDelivered(root);
            return new Entry("", event.eventId(), event.detail().eventName(), event, null);
        } catch (MalformedEventException e) {
            return rejected("", root.path("detail"), e);
        }
    }

    private static Entry rejected(String where, JsonNode record, MalformedEventException error) {
        return RecordEnvelope.rejected(where, record, error);
    }
}
