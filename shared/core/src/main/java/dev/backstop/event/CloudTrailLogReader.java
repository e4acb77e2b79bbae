package dev.backstop.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
        JsonFactory bounded = mapper.getFactory().rebuild()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxRecordBytes())
                        .build())
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
     */
    public EventFiles.Entry record(String json, String where) {
        if (json.length() > limits.maxRecordBytes()) {
            return RecordEnvelope.rejected(where, null, new MalformedEventException(where,
                    limits.recordTooLarge()));
        }
        try {
            return envelope.wrap(mapper.readTree(json), where);
        } catch (StreamConstraintsException e) {
            return RecordEnvelope.rejected(where, null, new MalformedEventException(where, limits.nestedTooDeep()));
        } catch (JsonProcessingException e) {
            return RecordEnvelope.rejected(where, null, new MalformedEventException(where,
                    "not valid JSON: " + e.getOriginalMessage()));
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
