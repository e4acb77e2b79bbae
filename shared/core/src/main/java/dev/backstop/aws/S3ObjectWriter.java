package dev.backstop.aws;

import java.time.Instant;

/** Writes one S3 object as a new version that nobody can delete or overwrite before a date: Object Lock in compliance mode. */
public interface S3ObjectWriter {

    /**
     * Writes the object, locked in compliance mode until {@code retainUntil}.
     *
     * @return the version S3 gave it (null where versioning is off, which Object Lock does not allow)
     * @throws software.amazon.awssdk.core.exception.SdkException when it cannot be written
     */
    String writeLocked(String bucket, String key, byte[] content, Instant retainUntil);
}
