package dev.backstop.testing;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * CloudTrail log files ({@code {"Records": [...]}}) generated at test time, large ones streamed
 * straight to their destination so no test holds them in memory and none is committed.
 */
public final class LogFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogFiles() {
    }

    /** A sample's CloudTrail record, such as {@code cloudtrail/stop-logging.json}'s, ready to edit. */
    public static ObjectNode record(String sample) {
        return SampleEvents.detail(SampleEvents.read(sample)).deepCopy();
    }

    /** The record with its own event id and time, as the n-th call of a generated file. */
    public static ObjectNode numbered(ObjectNode record, int n, Instant time) {
        ObjectNode copy = record.deepCopy();
        copy.put("eventID", String.format("00000000-0000-4000-8000-%012d", n));
        copy.put("eventTime", time.toString());
        return copy;
    }

    /** The log file of these records, as bytes. */
    public static byte[] of(List<ObjectNode> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, records.size(), records::get);
        return out.toByteArray();
    }

    /** Writes a log file of {@code count} records, each made when it is written. */
    public static void write(OutputStream out, int count, IntFunction<ObjectNode> record) {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (int i = 0; i < count; i++) {
                MAPPER.writeTree(json, record.apply(i));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A gzip bomb: the start of a log file, then {@code mebibytes} MiB of blanks between records.
     * Each MiB is one small gzip member repeated (readers take concatenated members as one stream),
     * so a GiB of content costs about a MiB and no time to make.
     */
    public static byte[] bomb(int mebibytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(gzip("{\"Records\": [".getBytes(StandardCharsets.US_ASCII)));
        byte[] blanks = new byte[1 << 20];
        java.util.Arrays.fill(blanks, (byte) ' ');
        byte[] member = gzip(blanks);
        for (int i = 0; i < mebibytes; i++) {
            out.writeBytes(member);
        }
        out.writeBytes(gzip("]}".getBytes(StandardCharsets.US_ASCII)));
        return out.toByteArray();
    }
}
