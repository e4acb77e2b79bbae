package dev.backstop.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.text.Shown;
import dev.backstop.text.Utf8;
import java.io.IOException;
import java.io.InputStream;

/**
 * Outside JSON (an event, an alarm, a record of a log file) read within limits, with a problem
 * named in words: never a parser's class or token names, never a guessed character.
 *
 * <p>The checks go cheapest first: the size in bytes before anything is decoded, strict UTF-8
 * (no encoding is guessed from the bytes: a NUL byte is an error, not a hint of UTF-16), then
 * Jackson with {@link StreamReadConstraints} for nesting, names and numbers, duplicate keys
 * refused, and nothing allowed after the document.
 *
 * <pre>{@code
 * JsonNode event = JsonInput.read(payload);   // MalformedEventException("$", "...") when it cannot be
 * }</pre>
 */
public final class JsonInput {

    /**
     * The largest document read, in bytes: four times the 256 KB that EventBridge allows an event
     * and SNS a message, and Lambda's 1 MB for an asynchronous invocation, so nothing AWS delivers
     * is refused, while a payload no AWS service could have produced is refused before parsing.
     */
    public static final int MAX_BYTES = 1 << 20;
    /**
     * The deepest nesting of objects and arrays. The deepest CloudTrail records in AWS's samples
     * (a security group rule's ranges, a bucket policy's conditions) nest about a dozen levels.
     */
    public static final int MAX_DEPTH = 64;
    /** The longest key: tag keys are at most 128 characters, condition keys a few hundred. */
    public static final int MAX_NAME_LENGTH = 1024;
    /** The most digits of a number: an account id has 12, an epoch time in milliseconds 13. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private JsonInput() {
    }

    /** The document in the bytes; a {@link MalformedEventException} at {@code $} says why it cannot be read. */
    public static JsonNode read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        return decoded(bytes);
    }

    private static JsonNode decoded(byte[] bytes) {
        String text;
        try {
            text = Utf8.decode(bytes);
        } catch (Utf8.NotUtf8Exception e) {
            throw new MalformedEventException("$", e.getMessage());
        }
        return parse(text);
    }

    /**
     * The document in text already decoded (JSON inside a string of another document, as an SNS
     * message carries an alarm), within the same limits.
     */
    public static JsonNode read(String text) {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(text.length());
        }
        return parse(text);
    }

    private static JsonNode parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonNode root;
            try {
                root = JSON.readTree(parser);
            } catch (JsonProcessingException e) {
                throw new MalformedEventException("$", describe(e, parser));
            }
            if (root == null || root.isMissingNode()) {
                throw new MalformedEventException("$", "is empty: no JSON document");
            }
            if (parser.nextToken() != null) {
                throw new MalformedEventException("$", "more data after the JSON document" + at(parser.currentTokenLocation())
                        + "; one payload holds one document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("$", "more data after the JSON document that is not JSON either: "
                    + describe(e, null));
        } catch (IOException e) {
            throw new MalformedEventException("$", "unreadable: " + Shown.truncated(e.getMessage()));
        }
    }

    /**
     * At most {@link #MAX_BYTES} and one more of the stream, so that a larger payload is refused
     * by {@link #read(byte[])} without the rest ever being held in memory.
     */
    public static byte[] readCapped(InputStream in) throws IOException {
        return in.readNBytes(MAX_BYTES + 1);
    }

    /** A document of this many bytes (one more than the limit: at least that many) is too large for an event. */
    static MalformedEventException tooLarge(long size) {
        return new MalformedEventException("$", (size > MAX_BYTES + 1 ? Shown.count(size) + " bytes" : "more than "
                + Shown.count(MAX_BYTES) + " bytes") + ", larger than any event AWS delivers (at most "
                + Shown.count(MAX_BYTES) + " bytes are read)");
    }

    /** Jackson's complaint in words, with where it is. */
    static String describe(JsonProcessingException e, JsonParser parser) {
        JsonLocation location = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
        if (e instanceof StreamConstraintsException) {
            return limit(e.getOriginalMessage()) + at(location);
        }
        return "not valid JSON" + at(location) + ": " + JsonProblems.inWords(e.getOriginalMessage());
    }

    private static String limit(String message) {
        String text = String.valueOf(message);
        if (text.contains("nesting depth")) {
            return "nested more than " + MAX_DEPTH + " levels deep";
        }
        if (text.contains("Name length")) {
            return "a key longer than " + Shown.count(MAX_NAME_LENGTH) + " characters";
        }
        if (text.contains("Number value length")) {
            return "a number of more than " + MAX_NUMBER_LENGTH + " digits";
        }
        return "larger than " + Shown.count(MAX_BYTES) + " bytes";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
