package dev.backstop.aws;

import java.util.Optional;

/**
 * Reads one S3 object, or says it has not changed since the version last read: all that a handler
 * needs of S3 to read a team's rule file.
 */
public interface S3ObjectReader {

    /**
     * The object, or empty when its ETag is still {@code knownETag} (null reads it whatever it is).
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when it cannot be read
     */
    Optional<StoredObject> readIfChanged(String bucket, String key, String knownETag);

    /** An object's text and the ETag of that version (null if S3 gave none). */
    record StoredObject(String eTag, String content) {
    }
}
