package dev.backstop.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.inject.Inject;

/**
 * The CloudTrail events in a file, in any of the shapes people have them in: an EventBridge event
 * (what the handler receives), a bare CloudTrail record, or a CloudTrail log file
 * ({@code {"Records": [...]}}, as a trail writes it to S3), gzipped or not. A bare record is
 * wrapped in the envelope EventBridge would deliver it in, so rules match it as they would in Lambda.
 *
 * <pre>{@code
 * for (EventFiles.Entry entry : eventFiles.read(Files.readAllBytes(path))) {
 *     if (entry.error() == null) { book.match(entry.event().json()); }
 * }
 * }</pre>
 *
 * <p>Each event is read on its own: a malformed one becomes an entry with the reason (naming the
 * field as it is written in the file, {@code Records[3].eventTime}) and the others are still read.
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
    private final ObjectReader reader;

    @Inject
    public EventFiles(CloudTrailEventParser parser, ObjectMapper mapper) {
        this.parser = parser;
        this.wrapper = new RecordEnvelope(parser);
        // A second document after the first would otherwise be dropped without a word.
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Every event in the file's bytes, in file order. */
    public List<Entry> read(byte[] content) {
        JsonNode root;
        try {
            root = reader.readTree(decompressed(content));
        } catch (BoundedInput.LimitReachedException e) {
            return List.of(rejected("", null, new MalformedEventException("$", e.getMessage())));
        } catch (ZipException | EOFException e) {
            return List.of(rejected("", null, new MalformedEventException("$", "not valid gzip: " + e.getMessage())));
        } catch (JsonProcessingException e) {
            return List.of(rejected("", null, new MalformedEventException("$", "not valid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            return List.of(rejected("", null, new MalformedEventException("$", "unreadable: " + e.getMessage())));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(rejected("", null, new MalformedEventException("$", "the file is empty")));
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
                    "expected a list of CloudTrail records, found " + kind(records))));
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            entries.add(wrapper.wrap(records.get(i), "Records[" + i + "]"));
        }
        return entries;
    }

    private Entry envelope(JsonNode root) {
        try {
            return parsed("", parser.parse(root));
        } catch (MalformedEventException e) {
            return rejected("", root.path("detail"), e);
        }
    }

    private static Entry parsed(String where, CloudTrailEvent event) {
        return new Entry(where, event.eventId(), event.detail().eventName(), event, null);
    }

    private static Entry rejected(String where, JsonNode record, MalformedEventException error) {
        return RecordEnvelope.rejected(where, record, error);
    }

    private static String kind(JsonNode node) {
        return RecordEnvelope.kind(node);
    }

    private static boolean isGzip(byte[] content) {
        return content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    }

    /** The content, gunzipped if it is gzip, capped as a log file is (a gzip bomb stops at the cap). */
    private static InputStream decompressed(byte[] content) throws IOException {
        InputStream raw = new ByteArrayInputStream(content);
        return new BoundedInput(isGzip(content) ? new GZIPInputStream(raw) : raw, LogLimits.DEFAULTS);
    }
}
