package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.handlers.selfwatch.SelfWatchHandler;
import dev.backstop.tests.SampleDelivery.Decision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * A team's KMS key scheduled for deletion, or given a policy that lets in an outside account, on
 * the emulators (KMS on LocalStack): the sample from events/kms, delivered to the real self-watch
 * handler built on the whole catalogue. The shipped deletion rule notifies; enforced by a team's
 * rule file it cancels the deletion and enables the key, read back from KMS, and undo schedules
 * the deletion again. A key tagged {@code backstop:exempt} is left pending.
 */
class KmsKeyIT {

    private static final String SAMPLE_ACCOUNT = "123456789012";
    private static final String SAMPLE_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

    private static DemoWorld world;
    private static Stage stage;
    private static KmsClient kms;
    private static String account;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        stage = world.build(Emulators.uniquePrefix("kms"));
        account = stage.trailArn().split(":")[4];
        kms = AwsClientsModule.build(KmsClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), new DefaultAwsRegionProviderChain().getRegion());
    }

    private static Settings settings() {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of())
                .withTrusted(new TrustedSet(Optional.empty(), Set.of()));
    }

    private static KeyMetadata key(String arn) {
        return kms.describeKey(request -> request.keyId(arn)).keyMetadata();
    }

    private static String scheduledKey(String description, boolean exempt) {
        String arn = kms.createKey(request -> request.description(Emulators.uniquePrefix(description))).keyMetadata().arn();
        if (exempt) {
            kms.tagResource(request -> request.keyId(arn).tags(tag -> tag.tagKey("backstop:exempt").tagValue("true")));
        }
        kms.scheduleKeyDeletion(request -> request.keyId(arn).pendingWindowInDays(7));
        return arn;
    }

    private static Decision deliver(Settings settings, String sample, String keyArn) {
        return SampleDelivery.deliver(world, stage, settings, SelfWatchHandler::new, sample,
                Map.of(SAMPLE_KEY_ID, keyArn.substring(keyArn.lastIndexOf('/') + 1), SAMPLE_ACCOUNT, account), e -> { });
    }

    @Test
    void aScheduledDeletionIsNotifiedAsShippedAndWhenEnforcedCancelledTheKeyEnabledAndUndoSchedulesItAgain() {
        String arn = scheduledKey("exports", false);

        Decision shipped = deliver(settings(), "kms/schedule-key-deletion.json", arn);

        assertThat(shipped.outcome()).as("the shipped rule notifies").isEqualTo("NOTIFIED");
        assertThat(key(arn).keyState()).isEqualTo(KeyState.PENDING_DELETION);

        Decision enforced = deliver(SampleDelivery.enforcing(world, stage, settings(), "kms-key-deletion-scheduled"),
                "kms/schedule-key-deletion.json", arn);

        assertThat(enforced.outcome()).isEqualTo("REMEDIATED");
        assertThat(key(arn).keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(key(arn).deletionDate()).as("no deletion pending").isNull();
        assertThat(enforced.action("kms.cancel-customer-key-deletion").path("before").path("keyState").asText())
                .isEqualTo("PendingDeletion");
        assertThat(enforced.action("kms.cancel-customer-key-deletion").path("undo").path("pendingWindowInDays").asInt())
                .isEqualTo(7);

        assertThat(enforced.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(key(arn).keyState()).as("undo schedules the deletion again").isEqualTo(KeyState.PENDING_DELETION);
        assertThat(key(arn).deletionDate()).isNotNull();
    }

    @Test
    void aKeyTaggedExemptIsLeftPendingDeletionEvenWhenEnforced() {
        String arn = scheduledKey("retired", true);

        Decision enforced = deliver(SampleDelivery.enforcing(world, stage, settings(), "kms-key-deletion-scheduled"),
                "kms/schedule-key-deletion.json", arn);

        assertThat(enforced.outcome()).isEqualTo("EXEMPTED");
        assertThat(key(arn).keyState()).isEqualTo(KeyState.PENDING_DELETION);
    }

    @Test
    void aKeyPolicyLettingInAnOutsideAccountIsNotifiedAndTheKeyLeftAsItIs() {
        String arn = kms.createKey(request -> request.description(Emulators.uniquePrefix("shared"))).keyMetadata().arn();

        Decision decision = deliver(settings(), "kms/put-key-policy-outside.json", arn);

        assertThat(decision.outcome()).isEqualTo("NOTIFIED");
        assertThat(decision.record().get("rules").ss()).containsExactly("kms-key-policy-outside-account");
        assertThat(key(arn).keyState()).isEqualTo(KeyState.ENABLED);
    }
}
