package dev.backstop.action.kms;

import dev.backstop.action.ResourceState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** The KMS calls the key actions make, with KMS's "not found" read as such. */
final class Keys {

    static final String KEY_STATE = "keyState";

    private final KmsClient kms;

    @Inject
    Keys(KmsClient kms) {
        this.kms = kms;
    }

    /** The key as it is now; empty when KMS does not know it. */
    Optional<KeyMetadata> find(String keyArn) {
        try {
            return Optional.of(kms.describeKey(request -> request.keyId(keyArn)).keyMetadata());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** As the audit record keeps it; compliant when the key is enabled. */
    ResourceState state(String keyArn) {
        return find(keyArn).map(Keys::state).orElse(ResourceState.gone());
    }

    static ResourceState state(KeyMetadata key) {
        // Not the deletion date: undo schedules the deletion anew, so it moves, and the state
        // before and after undo must compare equal.
        return new ResourceState(true, key.keyState() == KeyState.ENABLED, Map.of(KEY_STATE, key.keyStateAsString()));
    }

    static boolean pendingDeletion(ResourceState state) {
        String keyState = state.facts().get(KEY_STATE);
        return KeyState.PENDING_DELETION.toString().equals(keyState)
                || KeyState.PENDING_REPLICA_DELETION.toString().equals(keyState);
    }

    /** The key's tags, which a team's exemption ({@code backstop:exempt}) is read from; none when KMS does not know it. */
    Map<String, String> tags(String keyArn) {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            kms.listResourceTagsPaginator(request -> request.keyId(keyArn)).tags()
                    .forEach(tag -> tags.put(tag.tagKey(), tag.tagValue()));
        } catch (NotFoundException e) {
            return Map.of();
        }
        return tags;
    }

    void cancelDeletion(String keyArn) {
        kms.cancelKeyDeletion(request -> request.keyId(keyArn));
    }

    void scheduleDeletion(String keyArn, int pendingWindowInDays) {
        kms.scheduleKeyDeletion(request -> request.keyId(keyArn).pendingWindowInDays(pendingWindowInDays));
    }

    void enable(String keyArn) {
        kms.enableKey(request -> request.keyId(keyArn));
    }

    void disable(String keyArn) {
        kms.disableKey(request -> request.keyId(keyArn));
    }
}
