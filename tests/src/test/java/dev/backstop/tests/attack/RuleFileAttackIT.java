package dev.backstop.tests.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.AuditKeys;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.tests.Emulators;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attacks through the team's rule file: whoever can write it can switch a rule off. Every version
 * read is Backstop's own audited, notified record, naming the bucket, key, version id, ETag and
 * SHA-256 and what the version weakens against the one before, so such a switch is never silent.
 * (The read's expected bucket owner is checked at the SDK edge, SignedS3ObjectReaderTest: LocalStack
 * ignores x-amz-expected-bucket-owner.)
 */
class RuleFileAttackIT {

    private static final String FIRST = "version: 1\nrules: []\n";
    private static final String SWITCHED_OFF = """
            version: 1
            rules: []
            overrides:
              cloudtrail-logging-stopped:
                mode: off
            """;

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    @Test
    void aRuleFileThatSwitchesTheTrailRuleOffIsAuditedAndNotifiedSayingSo() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-rulefile"));
        RulesLocation location = Forgery.putRules(world, stage, FIRST).ownedBy(Forgery.account(stage));
        load(stage, location);
        Forgery.putRules(world, stage, SWITCHED_OFF);

        load(stage, location);

        List<Map<String, AttributeValue>> loads = world.auditItems(stage).stream()
                .filter(item -> item.get("auditId").s().startsWith(AuditKeys.ruleFile(location.toString(), "")))
                .filter(item -> item.get("outcome").s().equals("LOADED"))
                .toList();
        assertThat(loads).hasSize(2);
        Map<String, AttributeValue> switched = loads.stream()
                .filter(item -> item.get("reason").s().contains(sha256(SWITCHED_OFF))).findFirst().orElseThrow();
        assertThat(switched.get("reason").s()).contains("bucket " + location.bucket(), "key team.yaml", "version id ",
                "ETag ", "bucket owner " + Forgery.account(stage), " after version ",
                "rule cloudtrail-logging-stopped turned off (was enforce)");
        assertThat(switched.get("notification").s()).isEqualTo("sent");
    }

    private static void load(Stage stage, RulesLocation location) {
        // What a function's container does when it starts: its rule source reads the team's file.
        BackstopComponent.factory().create(settings(stage, location), Clock.systemUTC()).rules();
    }

    private static Settings settings(Stage stage, RulesLocation location) {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of(), Optional.of(location),
                Settings.DEFAULT_RULES_TTL);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
