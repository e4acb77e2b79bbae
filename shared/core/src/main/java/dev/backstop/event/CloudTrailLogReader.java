package dev.backstop.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import javax.inject.Inject;

/**
 * Reads a CloudTrail log file ({@code {"Records": [...]}}, gzipped or not, as a trail writes it to
 * S3) record by record with Jackson's streaming parser, so memory holds one record at a time
 * however large the file. The file is capped by {@link LogLimits}: a gzip bomb, an oversized record
 * or a deeply nested one stops the file with an entry naming the limit and the record it was in.
 *
 * <pre>{@code
 * try (CloudTrailLog log = reader.open(Files.newInputStream(path))) {
 *     log.forEachRemaining(entry -> { if (entry.error() == null) book.match(entry.event()); });
 * }
 * }</pre>
 */
public final class CloudTrailLogReader {

    private static final int BUFFER = 64 * 1024;

    private final ObjectMapper mapper;
    private final RecordEnvelope envelope;
    private final LogLimits limits;

    @Inject
    public CloudTrailLogReader(CloudTrailEventParser parser, ObjectMapper mapper) {
        this(parser, mapper, LogLimits.DEFAULTS);
    }

    public CloudTrailLogReader(CloudTrailEventParser parser, ObjectMapper mapper, LogLimits limits) {
        // As JsonInput reads an event: keys and numbers of bounded length, a key given twice refused.
        JsonFactory bounded = mapper.getFactory().rebuild()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxRecordBytes())
                        .maxNameLength(JsonInput.MAX_NAME_LENGTH)
                        .maxNumberLength(JsonInput.MAX_NUMBER_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = mapper.copyWith(bounded);
        this.envelope = new RecordEnvelope(parser);
        this.limits = limits;
    }

    /**
     * The file's records, in file order; a file that cannot be read to its end yields its last
     * entry with the reason. The caller closes the log, which closes {@code content}.
     */
    public CloudTrailLog open(InputStream content) {
        BufferedInputStream buffered = new BufferedInputStream(content, BUFFER);
        try {
            BoundedInput input = new BoundedInput(isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER) : buffered, limits);
            return new CloudTrailLog(mapper.createParser(input), input, envelope, limits);
        } catch (IOException e) {
            return CloudTrailLog.unreadable(buffered, new MalformedEventException("$", "not valid gzip: " + e.getMessage()));
        }
    }

    /**
     * One CloudTrail record given as JSON text (as LookupEvents returns each event), held to the
     * record limits, in the envelope EventBridge would give it; {@code where} locates it for errors.
     * As in a file, the text must be one JSON document and nothing after it.
     */
    public EventFiles.Entry record(String json, String where) {
        if (json.length() > limits.maxRecordBytes()) {
            return RecordEnvelope.rejected(where, null, new MalformedEventException(where, limits.recordTooLarge()));
        }
        try (JsonParser parser = mapper.createParser(json)) {
            JsonNode record = parser.readValueAsTree();
            if (record == null) {
                return RecordEnvelope.rejected(where, null, new MalformedEventException(where, "is empty"));
            }
            if (parser.nextToken() != null) {
                return RecordEnvelope.rejected(where, null, new MalformedEventException(where,
                        "data after the end of the record"));
            }
            return envelope.wrap(record, where);
        } catch (JsonProcessingException e) {
            return RecordEnvelope.rejected(where, null, new MalformedEventException(where, CloudTrailLog.problem(e, limits, "")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a record from a string", e);
        }
    }

    /** The limits this reader holds files to. */
    public LogLimits limits() {
        return limits;
    }

    static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }
}
