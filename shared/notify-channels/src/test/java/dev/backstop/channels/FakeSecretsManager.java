package dev.backstop.channels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Secrets Manager at the SDK edge: secrets by name, and the names read, in order. */
final class FakeSecretsManager implements SecretsManagerClient {

    private final Map<String, String> secrets = new HashMap<>();
    private final List<String> reads = new ArrayList<>();

    FakeSecretsManager put(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    List<String> reads() {
        return reads;
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        reads.add(request.secretId());
        String value = secrets.get(request.secretId());
        if (value == null) {
            throw ResourceNotFoundException.builder().message("Secrets Manager can't find the specified secret.").build();
        }
        return GetSecretValueResponse.builder().name(request.secretId()).secretString(value).build();
    }

    @Override
    public String serviceName() {
        return "secretsmanager";
    }

    @Override
    public void close() {
    }
}
