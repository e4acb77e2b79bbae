package dev.backstop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Mode;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.rules.Directives;
import dev.backstop.rules.Organization;
import dev.backstop.rules.Pipelines;
import dev.backstop.rules.Routing;
import dev.backstop.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoticesTest {

    static final String ACCOUNT = "111122223333";
    static final String TRAIL = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main";
    static final String GROUP = "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0abc";
    static final Routing ROUTING = new Routing(List.of("owner"),
            Map.of("payments", List.of(new ChannelTarget.Webhook("backstop/hooks/payments")),
                    "security", List.of(new ChannelTarget.SnsTopic("arn:aws:sns:eu-west-1:111122223333:sec"))),
            Map.of(ACCOUNT, new Routing.Account("payments-prod", null)), Optional.of("security"), "team.yaml:3");

    static AuditRecord record(String auditId, List<ActionResult> actions) {
        return new AuditRecord(auditId, "ev-1", "StopLogging", "cloudtrail.amazonaws.com", ACCOUNT, "eu-west-1",
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:00:02Z"),
                "arn:aws:sts::111122223333:assumed-role/DeveloperAccess/mallory", "AssumedRole", "203.0.113.9",
                actions.stream().map(ActionResult::outcome).reduce(Outcome::weightier).orElse(Outcome.NO_MATCH),
                "decided", actions);
    }

    static ActionResult remediated(String rule, String resource, Map<String, String> tags) {
        return new ActionResult(rule, Severity.HIGH, "cloudtrail.start-logging", Mode.ENFORCE, resource, Outcome.REMEDIATED,
                Map.of("isLogging", "false"), Map.of("isLogging", "true"), JsonNodeFactory.instance.objectNode().put("call", "StopLogging"),
                "StartLogging on " + resource + ", verified by read-back", tags);
    }

    @Test
    void aNoticeCarriesEverythingTheOwnerNeedsToActOrUndo() {
        Notice notice = Notices.of(record("ev-1", List.of(remediated("trail-stopped", TRAIL, Map.of("owner", "payments")))),
                ROUTING).get(0);

        assertThat(notice.accountName()).isEqualTo("111122223333 (payments-prod)");
        assertThat(notice.region()).isEqualTo("eu-west-1");
        assertThat(notice.resource()).isEqualTo(TRAIL);
        assertThat(notice.rule()).isEqualTo("trail-stopped");
        assertThat(notice.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(notice.actor()).isEqualTo(
                "arn:aws:sts::111122223333:assumed-role/DeveloperAccess/mallory (AssumedRole), StopLogging from 203.0.113.9");
        assertThat(notice.consoleLink()).isEqualTo("https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home"
                + "?region=eu-west-1#/trails/arn%3Aaws%3Acloudtrail%3Aeu-west-1%3A111122223333%3Atrail%2Fmain");
        assertThat(notice.undoCommand()).contains("./backstop undo ev-1 --yes");
        assertThat(notice.contact()).contains("payments");
        assertThat(notice.text()).contains("Account: 111122223333 (payments-prod)", "Audit id: ev-1",
                "Undo: ./backstop undo ev-1 --yes", "Owner: payments (resource tag owner=payments)",
                "Changed by: arn:aws:sts::111122223333:assumed-role/DeveloperAccess/mallory");
    }

    @Test
    void eachRuleAndResourceGetsItsOwnNoticeAndOwner() {
        ActionResult onGroup = new ActionResult("world-ingress", Severity.MEDIUM, "ec2.revoke-world-ingress", Mode.NOTIFY,
                GROUP, Outcome.NOTIFIED, Map.of(), Map.of(), ActionResult.noUndo(), "not run: revoke 0.0.0.0/0:22", Map.of());

        List<Notice> notices = Notices.of(record("ev-2", List.of(
                remediated("trail-stopped", TRAIL, Map.of("owner", "payments")), onGroup)), ROUTING);

        assertThat(notices).extracting(Notice::resource).containsExactly(TRAIL, GROUP);
        assertThat(notices).extracting(notice -> notice.contact().orElseThrow()).containsExactly("payments", "security");
        assertThat(notices.get(1).route()).isEqualTo("no owner tag (owner), so the default contact");
        assertThat(notices.get(1).consoleLink()).endsWith("#SecurityGroup:groupId=sg-0abc");
    }

    @Test
    void aDecisionThatChangedNothingHasNoUndoCommandAndSaysSo() {
        ActionResult notified = new ActionResult("trail-stopped", Severity.HIGH, "cloudtrail.start-logging", Mode.NOTIFY,
                TRAIL, Outcome.NOTIFIED, Map.of(), Map.of(), ActionResult.noUndo(), "not run: StartLogging", Map.of());

        Notice notice = Notices.of(record("ev-3", List.of(notified)), ROUTING).get(0);

        assertThat(notice.undoCommand()).isEmpty();
        assertThat(notice.text()).contains("Undo: nothing to undo");
    }

    @Test
    void aPendingDecisionNamesItsVetoCommandAndWhyItsMode() {
        ActionResult pending = new ActionResult("trail-stopped", Severity.HIGH, "cloudtrail.start-logging", Mode.ENFORCE,
                TRAIL, Outcome.PENDING, Map.of(), Map.of(), ActionResult.noUndo(), "will run StartLogging at 2026-11-20T10:15:00Z",
                Map.of("env", "dev"), "when case at team.yaml:9: tag env=dev", "");

        Notice notice = Notices.of(record("ev-4", List.of(pending)), ROUTING).get(0);

        assertThat(notice.vetoCommand()).contains("./backstop veto ev-4 --reason \"...\" --yes");
        assertThat(notice.text()).contains("Mode: enforce (when case at team.yaml:9: tag env=dev)",
                "Veto: ./backstop veto ev-4");
    }

    @Test
    void revertedDeclaredStateAlsoTellsThePipelinesOwner() {
        ActionResult reverted = new ActionResult("world-ingress", Severity.HIGH, "ec2.revoke-world-ingress", Mode.ENFORCE,
                GROUP, Outcome.REMEDIATED, Map.of(), Map.of(), JsonNodeFactory.instance.objectNode().put("call", "Authorize"), "revoked 0.0.0.0/0:22",
                Map.of("owner", "payments"), "", "revert-and-tell: CloudFormation stack api (ApiGroup)");
        Directives directives = new Directives(ROUTING, Organization.NONE, new Pipelines(List.of(), Map.of(),
                Optional.of("security"), java.time.Duration.ZERO, "team.yaml:20"), Optional.empty());

        Notice notice = Notices.of(record("ev-5", List.of(reverted)), directives).get(0);

        assertThat(notice.contact()).contains("payments");
        assertThat(notice.pipelineOwner()).contains("security");
        assertThat(notice.declared()).contains("revert-and-tell: CloudFormation stack api (ApiGroup)");
        assertThat(notice.text()).contains("Declared state: revert-and-tell: CloudFormation stack api (ApiGroup)",
                "Pipeline owner: security");
    }

    @Test
    void anUndoneDecisionResolves() {
        ActionResult undone = new ActionResult("trail-stopped", Severity.HIGH, "cloudtrail.start-logging", Mode.ENFORCE,
                TRAIL, Outcome.UNDONE, Map.of(), Map.of(), ActionResult.noUndo(), "undid StartLogging", Map.of());

        Notice notice = Notices.of(record("undo#ev-1", List.of(undone)), ROUTING).get(0);

        assertThat(notice.resolves()).isTrue();
        assertThat(notice.undoCommand()).isEmpty();
    }
}
