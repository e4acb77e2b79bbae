package dev.backstop.aws;

import java.util.Optional;

/**
 * Reads one S3 object, or says it has not changed since the version last read: all that a handler
 * needs of S3 to read a team's rule file.
 */
public interface S3ObjectReader {

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

    /** An object's text, the ETag of that version, and its version id (null if S3 gave none, as unversioned buckets do). */
    record StoredObject(String eTag, String versionId, String content) {

        public StoredObject(String eTag, String content) {
            this(eTag, null, content);
        }
    }
}
