package dev.backstop.testing;

import dev.backstop.aws.S3ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One S3 object at the reader's edge, with an ETag that changes on every put, or a fault. Like S3,
 * it answers "not modified" when asked with the current ETag.
 */
public final class FakeS3Objects implements S3ObjectReader {

    private byte[] content;
    private int version;
    private Supplier<RuntimeException> fault;
    private int reads;
    private String lastExpectedOwner;

    public FakeS3Objects put(String newContent) {
        return put(newContent.getBytes(StandardCharsets.UTF_8));
    }

    /** An object of any bytes, UTF-8 or not; the reader's edge hands back at most {@link #MAX_BYTES} and one more. */
    public FakeS3Objects put(byte[] newContent) {
        content = newContent.length > MAX_BYTES ? Arrays.copyOf(newContent, MAX_BYTES + 1) : newContent.clone();
        version++;
        return this;
    }

    public FakeS3Objects failWith(Supplier<RuntimeException> newFault) {
        fault = newFault;
        return this;
    }

    public int reads() {
        return reads;
    }

    @Override
    public Optional<StoredObject> readIfChanged(String bucket, String key, String expectedOwner, String knownETag) {
        reads++;
        lastExpectedOwner = expectedOwner;
        if (fault != null) {
            throw fault.get();
        }
        String eTag = "\"v" + version + "\"";
        return eTag.equals(knownETag) ? Optional.empty()
                : Optional.of(new StoredObject(eTag, "version-" + version, content));
    }

    /** The owner the last read expected of the bucket, or null. */
    public String lastExpectedOwner() {
        return lastExpectedOwner;
    }
}
