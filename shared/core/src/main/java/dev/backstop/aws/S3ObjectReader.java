package dev.backstop.aws;

import dev.backstop.rules.RuleText;
import java.util.Optional;

/**
 * Reads one S3 object, or says it has not changed since the version last read: all that a handler
 * needs of S3 to read a team's rule file.
 */
public interface S3ObjectReader {

    /**
     * The most bytes of an object read: a rule file's limit ({@link RuleText#MAX_BYTES}). One byte
     * more is read of a larger object, so the caller can tell it is larger without the rest ever
     * being held in memory.
     */
    int MAX_BYTES = RuleText.MAX_BYTES;

    /**
     * The object, or empty when its ETag is still {@code knownETag} (null reads it whatever it is).
     * With an {@code expectedOwner}, S3 refuses the read (403) unless that account owns the bucket.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when it cannot be read
     */
    Optional<StoredObject> readIfChanged(String bucket, String key, String expectedOwner, String knownETag);

    /** As {@link #readIfChanged(String, String, String, String)}, whoever owns the bucket. */
    default Optional<StoredObject> readIfChanged(String bucket, String key, String knownETag) {
        return readIfChanged(bucket, key, null, knownETag);
    }

    /**
     * An object's bytes (at most {@link #MAX_BYTES} and one more), the ETag of that version and
     * its version id (each null if S3 gave none; unversioned buckets give no version id). The bytes
     * are the reader's own copy: read them, never change them.
     */
    record StoredObject(String eTag, String versionId, byte[] content) {
    }
}
