package dev.backstop.cli.selfcheck;

import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.config.SettingsException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code ./backstop selfcheck}: is the deployed Backstop still whole and awake? */
@Command(
        name = "selfcheck",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that a deployed Backstop is whole and awake, one line per check.",
            "Reads the stack's resources in this account and region, found by the names",
            "template.yaml gives them (an option names one instead): every EventBridge rule",
            "enabled and delivering to a function's live alias; no function at zero",
            "concurrency, each live alias on a version with the code and environment last",
            "deployed; the audit table's deletion protection and point-in-time recovery on;",
            "the notification topic with a confirmed subscription; the dead-letter queue",
            "empty; a recent canary heartbeat per account; the audit chains agreeing with",
            "their last anchor; the team rule file's current version audited as put in",
            "force; and, through the member role, each member's forwarding rules in place.",
            "Changes nothing. Uses AWS credentials and region from the environment and the",
            "deployment's BACKSTOP_* settings where set (BACKSTOP_ALLOWED_ACCOUNTS and",
            "BACKSTOP_MEMBER_ROLE_NAME for the members; the caller must be allowed to assume",
            "the member role, as OperatorRoleArns allows; its session is named backstop-operator-USER).",
            "Exit 0 when every check passes, 1 when one fails, 2 on a usage error."})
public final class SelfCheckCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Option(names = "--stack", paramLabel = "NAME", required = true, description = "the central stack's name")
    private String stack;

    @Option(names = "--table", paramLabel = "NAME", description = "audit table (default: $BACKSTOP_AUDIT_TABLE, else STACK-AuditTable-*)")
    private String table;

    @Option(names = "--topic", paramLabel = "ARN", description = "notification topic (default: $BACKSTOP_TOPIC_ARN, else STACK-NotificationTopic-*)")
    private String topic;

    @Option(names = "--dead-letter-queue", paramLabel = "URL", description = "dead-letter queue URL (default: STACK-DeadLetterQueue-*)")
    private String queue;

    @Option(names = "--anchor", paramLabel = "s3://BUCKET/KEY",
            description = "chain-head anchor (default: $BACKSTOP_ANCHOR_LOCATION, else STACK-AnchorBucket-*/chain-heads.json)")
    private String anchor;

    @Option(names = "--rules", paramLabel = "s3://BUCKET/KEY", description = "team rule file (default: $BACKSTOP_RULES_LOCATION; none: the default pack only)")
    private String rules;

    @Option(names = "--heartbeat-within", paramLabel = "MINUTES", defaultValue = "120",
            description = "the canary's last heartbeat must be this recent (default: ${DEFAULT-VALUE}; twice CanaryRateMinutes)")
    private long heartbeatMinutes;

    @Option(names = "--forward-rule-prefix", paramLabel = "PREFIX", defaultValue = "backstop-forward",
            description = "member-account.yaml's ForwardRuleNamePrefix (default: ${DEFAULT-VALUE})")
    private String forwardRulePrefix;

    public SelfCheckCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        MemberAccess members;
        try {
            members = MemberAccess.fromEnvironment(env);
        } catch (SettingsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        // The member role with the operator's own session name, as the member role's trust policy
        // requires of OperatorRoleArns: never Backstop's, whose calls are only audited.
        Settings settings = new Settings(option(table, Settings.AUDIT_TABLE).orElse("unnamed"),
                option(topic, Settings.TOPIC_ARN).orElse("arn:aws:sns:unnamed"), Mode.DRY_RUN, List.of())
                .withMembers(members.operator(System.getProperty("user.name", "operator")));
        SelfCheckComponent component = SelfCheckComponent.create(settings, clock);
        String home = members.homeAccount().orElseGet(() -> callerAccount());
        SelfCheckTarget target;
        try {
            target = new SelfCheckTarget(stack, option(table, Settings.AUDIT_TABLE), option(topic, Settings.TOPIC_ARN),
                    Optional.ofNullable(queue), location("--anchor", option(anchor, "BACKSTOP_ANCHOR_LOCATION")),
                    location("--rules", option(rules, Settings.RULES_LOCATION)), home,
                    members.allowedAccounts().stream().sorted().toList(), forwardRulePrefix,
                    Duration.ofMinutes(heartbeatMinutes));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Check> checks = component.checks().run(target);
        PrintWriter out = spec.commandLine().getOut();
        checks.forEach(check -> out.println(check.line()));
        long failed = checks.stream().filter(check -> !check.passed()).count();
        out.println(checks.size() + " checks: " + (checks.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private Optional<String> option(String given, String variable) {
        String value = given != null ? given : env.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private Optional<RulesLocation> location(String option, Optional<String> text) {
        try {
            return text.map(RulesLocation::parse);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private static String callerAccount() {
        try (StsClient sts = StsClient.create()) {
            return sts.getCallerIdentity().account();
        }
    }
}
