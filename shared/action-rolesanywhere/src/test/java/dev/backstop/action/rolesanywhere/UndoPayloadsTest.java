package dev.backstop.action.rolesanywhere;

import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeRolesAnywhere;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The undo data the Roles Anywhere action stores, against golden files of every version it was
 * stored in (it came with version 2), and undone from each.
 */
class UndoPayloadsTest {

    private static final String ANCHOR = "3f8c2b1e-7d6a-4c5b-9e0f-1a2b3c4d5e6f";

    @Test
    void disableTrustAnchorIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(DisableTrustAnchorAction.NAME, DisableTrustAnchorUndo.FORMAT, 2, () -> {
            FakeRolesAnywhere service = new FakeRolesAnywhere();
            service.anchor(ANCHOR, "contractor-ca", true);
            var action = new DisableTrustAnchorAction(new RolesAnywhereApi(service,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                    Region.US_EAST_1, URI.create("https://rolesanywhere.us-east-1.amazonaws.com")));
            return Applied.apply(action, action.plan(new CloudTrailEventParser().parse(
                    SampleEvents.edited("rolesanywhere/create-trust-anchor.json", e -> { })),
                    new ActionSpec(DisableTrustAnchorAction.NAME, Map.of())), () -> service.enabled(ANCHOR));
        });
    }
}
