package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.testing.TestRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule-file parts that shape how Backstop works with a team: stepped modes, veto windows, declared state, kill switch. */
class OperatingSectionsTest {

    private final RuleLoader loader = TestRules.loader(Instant.parse("2026-11-20T09:00:00Z"));

    private static final RuleText TEAM = new RuleText("team.yaml", """
            version: 1
            organization:
              prod: ["111122223333"]
              sandbox: ["444455556666", "555566667777"]
            pipelines:
              principals: ["arn:aws:iam::*:role/terraform-apply"]
              tags: {managed-by: terraform}
              owner: platform
              settle: 2m
            notify:
              contacts:
                platform: [{sns: "arn:aws:sns:eu-west-1:111122223333:platform"}]
            kill-switch:
              by: alice@example.com
              reason: INC-4711
            rules:
              - id: world-open
                description: A security group was opened to the world.
                severity: high
                mode:
                  default: notify
                  when:
                    - tags: {env: dev}
                      mode: enforce
                    - ous: [sandbox]
                      mode: enforce
                    - accounts: ["111122223333"]
                      tags: {env: prod}
                      mode: dry-run
                enforce-after: 15m
                declared: revert-and-tell
                match: {detail: {eventName: [AuthorizeSecurityGroupIngress]}}
                actions: [{action: ec2.revoke-world-ingress}]
            overrides:
              cloudtrail-logging-stopped:
                mode:
                  default: enforce
                  when:
                    - ous: [sandbox]
                      mode: notify
            """);

    private final RuleBook book = loader.load(TestRules.withDefaultPack(TEAM));
    private final Rule rule = book.find("world-open").orElseThrow();

    @Test
    void theFirstCaseThatHoldsGivesTheModeAndSaysWhy() {
        ModePolicy modes = rule.modes();
        Optional<String> prod = book.directives().organization().unitOf("111122223333");

        assertThat(modes.resolve("111122223333", prod, Map.of("env", "dev")))
                .isEqualTo(new ModePolicy.Effective(Mode.ENFORCE, "when case at team.yaml:23: tag env=dev"));
        assertThat(modes.resolve("444455556666", Optional.of("sandbox"), Map.of()))
                .isEqualTo(new ModePolicy.Effective(Mode.ENFORCE, "when case at team.yaml:25: organizational unit sandbox"));
        assertThat(modes.resolve("111122223333", prod, Map.of("env", "prod")))
                .isEqualTo(new ModePolicy.Effective(Mode.DRY_RUN,
                        "when case at team.yaml:27: account 111122223333, tag env=prod"));
        assertThat(modes.resolve("999999999999", Optional.empty(), Map.of("env", "prod")))
                .isEqualTo(new ModePolicy.Effective(Mode.NOTIFY, "no when case holds, so the rule's default"));
        assertThat(modes.dependsOnTags()).isTrue();
        assertThat(modes.possible()).containsExactlyInAnyOrder(Mode.NOTIFY, Mode.ENFORCE, Mode.DRY_RUN);
    }

    @Test
    void anOverrideMayStepTheModeOfAShippedRule() {
        ModePolicy modes = book.find("cloudtrail-logging-stopped").orElseThrow().modes();

        assertThat(modes.file()).isEqualTo("team.yaml");
        assertThat(modes.resolve("555566667777", Optional.of("sandbox"), Map.of()).mode()).isEqualTo(Mode.NOTIFY);
        assertThat(modes.resolve("111122223333", Optional.of("prod"), Map.of()).mode()).isEqualTo(Mode.ENFORCE);
        assertThat(modes.describe()).isEqualTo("notify where unit in [sandbox]; otherwise enforce");
    }

    @Test
    void readsTheVetoWindowAndTheDeclaredPolicy() {
        assertThat(rule.enforceAfter()).contains(Duration.ofMinutes(15));
        assertThat(rule.declared()).isEqualTo(Declared.REVERT_AND_TELL);
        assertThat(book.find("cloudtrail-logging-stopped").orElseThrow().declared()).isEqualTo(Declared.REVERT);
        assertThat(book.find("cloudtrail-logging-stopped").orElseThrow().enforceAfter()).isEmpty();
    }

    @Test
    void readsTheOrganizationPipelinesAndKillSwitch() {
        Directives directives = book.directives();

        assertThat(directives.organization().unitOf("555566667777")).contains("sandbox");
        assertThat(directives.organization().unitOf("999999999999")).isEmpty();
        assertThat(directives.pipelines().principals()).extracting(ArnGlob::toString)
                .containsExactly("arn:aws:iam::*:role/terraform-apply");
        assertThat(directives.pipelines().tags()).containsEntry("managed-by", "terraform");
        assertThat(directives.pipelines().owner()).contains("platform");
        assertThat(directives.pipelines().settle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(directives.killSwitch()).contains(new KillSwitch("alice@example.com", "INC-4711", "team.yaml:13"));
    }

    @Test
    void withoutTheSectionsNothingIsSteppedDeclaredOrSwitched() {
        RuleBook shipped = loader.load(TestRules.withDefaultPack());

        assertThat(shipped.directives()).isEqualTo(Directives.NONE);
        assertThat(shipped.rules()).allSatisfy(each -> assertThat(each.modes().cases()).isEmpty());
    }

    @Test
    void aKillSwitchInTwoFilesIsAnError() {
        RuleText again = new RuleText("again.yaml", "version: 1\nrules: []\nkill-switch: {by: bob, reason: again}\n");

        assertThat(loader.check(List.of(DefaultPack.text(), TEAM, again))).extracting(RuleError::toString)
                .containsExactly("again.yaml:3: rule -: kill-switch: given at team.yaml:13 already; one file gives it");
    }
}
