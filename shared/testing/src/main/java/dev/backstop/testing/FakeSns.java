package dev.backstop.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** SNS at the SDK edge: keeps what was published, or fails every publish when told to. */
public final class FakeSns implements SnsClient {

    private final List<PublishRequest> published = new ArrayList<>();
    private RuntimeException fault;

    public FakeSns failWith(RuntimeException fault) {
        this.fault = fault;
        return this;
    }

    public List<PublishRequest> published() {
        return published;
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        if (fault != null) {
            throw fault;
        }
        published.add(request);
        return PublishResponse.builder().messageId("m-" + published.size()).build();
    }

    @Override
    public String serviceName() {
        return "sns";
    }

    @Override
    public void close() {
    }
}
