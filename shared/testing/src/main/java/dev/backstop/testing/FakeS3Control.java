package dev.backstop.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.DeletePublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.DeletePublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.model.NoSuchPublicAccessBlockConfigurationException;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.PutPublicAccessBlockResponse;

/**
 * Accounts' Block Public Access at the S3 Control SDK edge. The emulators cannot serve it:
 * LocalStack's open-source S3 Control implements tagging only, and the SDK addresses S3 Control
 * at {@code <account>.<endpoint host>}, which no local name resolves.
 */
public final class FakeS3Control implements S3ControlClient {

    private final Map<String, PublicAccessBlockConfiguration> blocks = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    public FakeS3Control block(String accountId, PublicAccessBlockConfiguration block) {
        blocks.put(accountId, block);
        return this;
    }

    public PublicAccessBlockConfiguration block(String accountId) {
        return blocks.get(accountId);
    }

    /** The operations called with the account each named: {@code PutPublicAccessBlock 123456789012}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
        calls.add("GetPublicAccessBlock " + request.accountId());
        PublicAccessBlockConfiguration block = blocks.get(request.accountId());
        if (block == null) {
            String message = "The public access block configuration was not found";
            throw NoSuchPublicAccessBlockConfigurationException.builder().statusCode(404).message(message)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchPublicAccessBlockConfiguration")
                            .errorMessage(message).serviceName("S3Control").build())
                    .build();
        }
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(block).build();
    }

    @Override
    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        calls.add("PutPublicAccessBlock " + request.accountId());
        blocks.put(request.accountId(), request.publicAccessBlockConfiguration());
        return PutPublicAccessBlockResponse.builder().build();
    }

    @Override
    public DeletePublicAccessBlockResponse deletePublicAccessBlock(DeletePublicAccessBlockRequest request) {
        calls.add("DeletePublicAccessBlock " + request.accountId());
        blocks.remove(request.accountId());
        return DeletePublicAccessBlockResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "s3control";
    }

    @Override
    public void close() {
    }
}
