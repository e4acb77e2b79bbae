package dev.backstop.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.text.Shown;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One open CloudTrail log file, read a record at a time (see {@link CloudTrailLogReader}). Each
 * entry is a record's event or the reason that record was refused; when the file itself cannot be
 * read on (broken JSON or gzip, a limit reached) the last entry says so, located at the record it
 * stopped in, and {@link #truncated()} is true.
 */
public final class CloudTrailLog implements Iterator<EventFiles.Entry>, Closeable {

    private enum Position { START, RECORDS, AFTER_RECORDS, DONE }

    private final JsonParser parser;
    private final BoundedInput input;
    private final LogLimits limits;
    private final RecordEnvelope envelope;
    private final Closeable source;
    private Position position = Position.START;
    private EventFiles.Entry next;
    private int index;
    private boolean truncated;

    CloudTrailLog(JsonParser parser, BoundedInput input, RecordEnvelope envelope, LogLimits limits) {
        this.parser = parser;
        this.limits = limits;
        this.input = input;
        this.envelope = envelope;
        this.source = input;
    }

    private CloudTrailLog(Closeable source, MalformedEventException error) {
        this.parser = null;
        this.limits = null;
        this.input = null;
        this.envelope = null;
        this.source = source;
        this.next = RecordEnvelope.rejected("", null, error);
        this.position = Position.DONE;
        this.truncated = true;
    }

    static CloudTrailLog unreadable(InputStream source, MalformedEventException error) {
        return new CloudTrailLog(source, error);
    }

    @Override
    public boolean hasNext() {
        if (next == null && position != Position.DONE) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public EventFiles.Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the log file has no more records");
        }
        EventFiles.Entry entry = next;
        next = null;
        return entry;
    }

    /** True when the file could not be read to its end; the last entry says why. */
    public boolean truncated() {
        return truncated;
    }

    /** The records read so far, refused ones included. */
    public int records() {
        return index;
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventFiles.Entry advance() {
        try {
            if (position == Position.START) {
                openRecords();
            }
            if (position == Position.RECORDS) {
                EventFiles.Entry entry = nextRecord();
                if (entry != null) {
                    return entry;
                }
            }
            finish();
            return null;
        } catch (MalformedEventException e) {
            return stop(e);
        } catch (IOException | RuntimeException e) {
            return stop(new MalformedEventException(where(), describe(e)));
        }
    }

    /** Moves to the first record: the file is an object whose {@code Records} list holds them. */
    private void openRecords() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new MalformedEventException("$", "the file is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedEventException("$", "expected a CloudTrail log file ({\"Records\": [...]}), found "
                    + first.asString());
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("Records")) {
                if (value != JsonToken.START_ARRAY) {
                    throw new MalformedEventException("Records", "expected a list of CloudTrail records, found "
                            + (value == JsonToken.START_OBJECT ? "an object" : parser.getText()));
                }
                position = Position.RECORDS;
                return;
            }
            parser.skipChildren();
        }
        throw new MalformedEventException("$", "not a CloudTrail log file: it has no Records list");
    }

    private EventFiles.Entry nextRecord() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            position = Position.AFTER_RECORDS;
            return null;
        }
        String where = where();
        long start = parser.currentTokenLocation().getByteOffset();
        input.openWindow(start);
        JsonNode record = parser.readValueAsTree();
        input.closeWindow();
        // The window stops a giant record early; what the parser had buffered before it opened is measured here.
        if (parser.currentLocation().getByteOffset() - start > limits.maxRecordBytes()) {
            throw new MalformedEventException(where, limits.recordTooLarge());
        }
        index++;
        return envelope.wrap(record, where);
    }

    /** The rest of the file: other top-level fields are allowed, a second list or document is not. */
    private void finish() throws IOException {
        if (position == Position.AFTER_RECORDS) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (parser.currentName().equals("Records")) {
                    throw new MalformedEventException("Records", "appears twice: which list holds the records is ambiguous");
                }
                parser.nextToken();
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new MalformedEventException("$", "data after the end of the log file");
            }
        }
        position = Position.DONE;
    }

    private EventFiles.Entry stop(MalformedEventException error) {
        position = Position.DONE;
        truncated = true;
        return RecordEnvelope.rejected(error.field(), null, new MalformedEventException(error.field(),
                error.problem() + "; the rest of the file is skipped"));
    }

    /** What is wrong with a record's JSON, in words, with the limit it broke; {@code at} places it. */
    static String problem(JsonProcessingException e, LogLimits limits, String at) {
        if (e instanceof StreamConstraintsException && e.getMessage().contains("nesting depth")) {
            return limits.nestedTooDeep() + at;
        }
        if (e instanceof StreamConstraintsException) {
            return "a key or number beyond the limits of a record (" + JsonInput.MAX_NAME_LENGTH + " characters, "
                    + JsonInput.MAX_NUMBER_LENGTH + " digits)" + at;
        }
        return "not valid JSON" + at + ": " + JsonProblems.inWords(e.getOriginalMessage());
    }

    private String where() {
        return position == Position.RECORDS ? "Records[" + index + "]" : "$";
    }

    private String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BoundedInput.LimitReachedException limit) {
                return limit.getMessage();
            }
        }
        long offset = parser.currentLocation().getByteOffset();
        if (e instanceof JsonProcessingException json) {
            return problem(json, limits, " at byte " + offset);
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return "not valid gzip after " + offset + " bytes: " + Shown.truncated(String.valueOf(e.getMessage()));
        }
        return "unreadable after " + offset + " bytes: " + Shown.truncated(String.valueOf(e.getMessage()));
    }
}
