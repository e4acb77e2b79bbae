package dev.backstop.cli.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.RemediationAction;
import dev.backstop.cli.rules.CatalogueComponent;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SealedCatalogueTest {

    private final SealedCatalogue catalogue = SealedCatalogue.create(Clock.systemUTC(), TrustedSet.none());

    @Test
    void holdsEveryActionOfTheCatalogue() {
        assertThat(catalogue.actions().keySet())
                .isEqualTo(CatalogueComponent.create(Clock.systemUTC()).actionParameters().keySet());
    }

    @Test
    void theActionsThatRestoreTheAccountsEyesAndDoorsActPastOpenBreakers() {
        assertThat(catalogue.actions().keySet().stream().filter(catalogue::actsPastBreakers)).containsExactlyInAnyOrder(
                "cloudtrail.start-logging", "cloudtrail.recreate-trail", "cloudtrail.restore-trail-settings",
                "cloudtrail.restore-event-selectors", "s3.block-public-access", "s3.restore-lifecycle",
                "events.enable-rule", "lambda.delete-function-concurrency", "guardduty.enable-detector",
                "guardduty.deactivate-ip-set", "config.start-recorder", "securityhub.enable-standards",
                "resolver.associate-query-logging", "logs.restore-retention", "ec2.recreate-flow-log",
                "scheduler.restore-deferral-schedule");
    }

    @Test
    void itsActionsCanNeverReachAws() {
        RemediationAction startLogging = catalogue.actions().get("cloudtrail.start-logging").get();
        var event = new CloudTrailEventParser()
                .parse(SampleEvents.read("cloudtrail/stop-logging.json"));

        assertThatThrownBy(() -> startLogging.plan(event, new ActionSpec("cloudtrail.start-logging", Map.of())))
                .hasStackTraceContaining("./backstop backtest and plan never call AWS; refused POST");
    }

    @Test
    void asksTheActionWhetherItAppliesAsTheEngineDoes() {
        var parser = new CloudTrailEventParser();
        var inside = parser.parse(SampleEvents.edited("iam/access-key-from-unexpected-network.json",
                event -> SampleEvents.detail(event).put("sourceIPAddress", "203.0.113.9")));
        var outside = parser.parse(SampleEvents.edited("iam/access-key-from-unexpected-network.json",
                event -> SampleEvents.detail(event).put("sourceIPAddress", "198.51.100.7")));
        ActionSpec spec = new ActionSpec("iam.deactivate-access-key",
                Map.of("key", "used", "expectedNetworks", java.util.List.of("203.0.113.0/24")));

        assertThat(catalogue.applies(spec, inside)).isFalse();
        assertThat(catalogue.applies(spec, outside)).isTrue();
        assertThat(catalogue.applies(new ActionSpec("no.such-action", Map.of()), outside)).isFalse();
    }

    @Test
    void anActionThatMustAskAwsWhetherItAppliesIsCountedAsApplying() {
        var event = new CloudTrailEventParser()
                .parse(SampleEvents.read("logs/put-retention-policy.json"));

        assertThat(catalogue.applies(new ActionSpec("logs.restore-retention", Map.of()), event))
                .as("whether the group is a trail's is for DescribeTrails to say, at run time").isTrue();
    }

    @Test
    void judgesAShareOutsideByTheDeploymentsTrustedSet() {
        var share = new CloudTrailEventParser().parse(SampleEvents.read("ec2/modify-snapshot-attribute-share.json"));
        ActionSpec unshare = new ActionSpec("ec2.unshare-snapshot", Map.of());
        SealedCatalogue trusting = SealedCatalogue.create(Clock.systemUTC(),
                new TrustedSet(Optional.empty(), Set.of("999988887777")));

        assertThat(catalogue.applies(unshare, share)).as("shared with an account nobody trusts").isTrue();
        assertThat(trusting.applies(unshare, share)).as("shared with a trusted account").isFalse();
    }
}
