package dev.backstop.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** One S3 object at the SDK edge, with an ETag that changes on every put, or a fault. */
public final class FakeS3Objects implements S3Client {

    private String content;
    private int version;
    private Supplier<RuntimeException> fault;
    private int reads;

    public FakeS3Objects put(String newContent) {
        content = newContent;
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
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        reads++;
        if (fault != null) {
            throw fault.get();
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        GetObjectResponse response = GetObjectResponse.builder().eTag("\"v" + version + "\"")
                .contentLength((long) bytes.length).build();
        try {
            return transformer.transform(response, AbortableInputStream.create(new ByteArrayInputStream(bytes)));
        } catch (Exception e) {
            throw SdkException.create("cannot hand the object over", e);
        }
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
