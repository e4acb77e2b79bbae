package dev.backstop.action.kms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CancelKeyDeletionRequest;
import software.amazon.awssdk.services.kms.model.CancelKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.DisableKeyRequest;
import software.amazon.awssdk.services.kms.model.DisableKeyResponse;
import software.amazon.awssdk.services.kms.model.EnableKeyRequest;
import software.amazon.awssdk.services.kms.model.EnableKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListResourceTagsRequest;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionRequest;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * KMS keys at the SDK edge, as KMS documents their states: a cancelled deletion leaves the key
 * disabled, a key pending deletion cannot be enabled (KMSInvalidStateException), and scheduling a
 * deletion again moves its date.
 */
final class FakeKms implements KmsClient {

    private static final Instant SCHEDULED = Instant.parse("2026-12-14T00:00:00Z");

    private final Map<String, KeyState> keys = new HashMap<>();
    private final Map<String, Instant> deletionDates = new HashMap<>();
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    FakeKms key(String arn, KeyState state) {
        keys.put(arn, state);
        deletionDates.put(arn, SCHEDULED);
        return this;
    }

    FakeKms tag(String arn, String key, String value) {
        tags.computeIfAbsent(arn, k -> new HashMap<>()).put(key, value);
        return this;
    }

    KeyState state(String arn) {
        return keys.get(arn);
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    private KeyState known(String arn) {
        KeyState state = keys.get(arn);
        if (state == null) {
            throw NotFoundException.builder().message("Key '" + arn + "' does not exist").build();
        }
        return state;
    }

    @Override
    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        KeyState state = known(request.keyId());
        return DescribeKeyResponse.builder().keyMetadata(KeyMetadata.builder().arn(request.keyId()).keyState(state)
                .deletionDate(state == KeyState.PENDING_DELETION ? deletionDates.get(request.keyId()) : null)
                .build()).build();
    }

    @Override
    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        known(request.keyId());
        return ListResourceTagsResponse.builder().truncated(false).tags(tags.getOrDefault(request.keyId(), Map.of())
                .entrySet().stream().map(tag -> Tag.builder().tagKey(tag.getKey()).tagValue(tag.getValue()).build())
                .toList()).build();
    }

    @Override
    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        known(request.keyId());
        calls.add("ScheduleKeyDeletion " + request.pendingWindowInDays());
        keys.put(request.keyId(), KeyState.PENDING_DELETION);
        // Each scheduling starts the waiting period anew: the date moves.
        deletionDates.put(request.keyId(), SCHEDULED.plusSeconds(calls.size()));
        return ScheduleKeyDeletionResponse.builder().build();
    }

    @Override
    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        if (known(request.keyId()) != KeyState.PENDING_DELETION) {
            throw KmsInvalidStateException.builder().message("not pending deletion").build();
        }
        calls.add("CancelKeyDeletion");
        keys.put(request.keyId(), KeyState.DISABLED);
        return CancelKeyDeletionResponse.builder().build();
    }

    @Override
    public EnableKeyResponse enableKey(EnableKeyRequest request) {
        if (known(request.keyId()) == KeyState.PENDING_DELETION) {
            throw KmsInvalidStateException.builder().message("pending deletion").build();
        }
        calls.add("EnableKey");
        keys.put(request.keyId(), KeyState.ENABLED);
        return EnableKeyResponse.builder().build();
    }

    @Override
    public DisableKeyResponse disableKey(DisableKeyRequest request) {
        known(request.keyId());
        calls.add("DisableKey");
        keys.put(request.keyId(), KeyState.DISABLED);
        return DisableKeyResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "kms";
    }

    @Override
    public void close() {
    }
}
