package dev.backstop.cli.selfcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.inject.Inject;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Backstop's EventBridge rules and functions, found by the names the template gives them
 * ({@code STACK-*}): every rule enabled and delivering to a Backstop function's {@code live} alias;
 * no function held at zero concurrency; each function's {@code live} alias on a version whose code
 * and environment are the function's as last deployed ($LATEST, which CloudFormation writes before
 * it publishes), so an edit made beside the deployment shows.
 */
final class DeploymentChecks {

    static final String ALIAS = "live";
    /** The template's rule that is off by default (WatchAccessKeyUse=disabled). */
    static final String OPTIONAL_RULE = "key-use";
    /** The self-watch rule for writes to the team's rule file, off when the stack has no RulesLocation. */
    static final String RULE_FILE_RULE = "sw-rule-file";

    private final EventBridgeClient eventBridge;
    private final LambdaClient lambda;

    @Inject
    DeploymentChecks(EventBridgeClient eventBridge, LambdaClient lambda) {
        this.eventBridge = eventBridge;
        this.lambda = lambda;
    }

    List<Check> rules(SelfCheckTarget target) {
        List<Rule> rules = rulesNamed(target.namePrefix());
        if (rules.isEmpty()) {
            return List.of(Check.fail("rules", "no EventBridge rule named " + target.namePrefix() + "* in this region"));
        }
        return rules.stream().map(rule -> Check.guarded("rule " + rule.name(), () -> rule(target, rule))).toList();
    }

    private Check rule(SelfCheckTarget target, Rule rule) {
        String name = "rule " + rule.name();
        if (rule.state() != RuleState.ENABLED) {
            if (rule.name().equals(target.namePrefix() + OPTIONAL_RULE)) {
                return Check.pass(name, "disabled, as it is unless the stack's WatchAccessKeyUse is enabled");
            }
            if (rule.name().equals(target.namePrefix() + RULE_FILE_RULE) && target.rules().isEmpty()) {
                return Check.pass(name, "disabled, as it is while the stack has no RulesLocation");
            }
            return Check.fail(name, "is " + rule.stateAsString() + ": events no longer reach Backstop");
        }
        List<Target> targets = eventBridge.listTargetsByRule(request -> request.rule(rule.name())).targets();
        List<String> wrong = targets.stream().map(Target::arn)
                .filter(arn -> !arn.matches("arn:[^:]+:lambda:[^:]+:\\d{12}:function:" + java.util.regex.Pattern.quote(
                        target.namePrefix()) + "[^:]+:" + ALIAS))
                .toList();
        if (targets.isEmpty()) {
            return Check.fail(name, "is enabled but has no target");
        }
        if (!wrong.isEmpty()) {
            return Check.fail(name, "delivers to " + String.join(", ", wrong) + ", not a Backstop function's "
                    + ALIAS + " alias");
        }
        return Check.pass(name, "enabled, delivers to " + targets.stream().map(Target::arn)
                .map(arn -> arn.substring(arn.indexOf(":function:") + ":function:".length())).toList());
    }

    private List<Rule> rulesNamed(String prefix) {
        List<Rule> rules = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListRulesResponse page = eventBridge.listRules(request -> request.namePrefix(prefix).nextToken(next));
            rules.addAll(page.rules());
            token = page.nextToken();
        } while (token != null);
        return rules;
    }

    List<Check> functions(SelfCheckTarget target) {
        List<String> names = new ArrayList<>();
        lambda.listFunctionsPaginator().functions().stream().map(FunctionConfiguration::functionName)
                .filter(name -> name.startsWith(target.namePrefix())).forEach(names::add);
        if (names.isEmpty()) {
            return List.of(Check.fail("functions", "no Lambda function named " + target.namePrefix() + "* in this region"));
        }
        List<Check> checks = new ArrayList<>();
        for (String function : names.stream().sorted().toList()) {
            checks.add(Check.guarded("function " + function + " concurrency", () -> concurrency(function)));
            checks.add(Check.guarded("function " + function + " as deployed", () -> asDeployed(function)));
        }
        return checks;
    }

    private Check concurrency(String function) {
        String name = "function " + function + " concurrency";
        Integer reserved = lambda.getFunctionConcurrency(request -> request.functionName(function))
                .reservedConcurrentExecutions();
        if (reserved != null && reserved == 0) {
            return Check.fail(name, "reserved concurrency is 0: the function can never run");
        }
        return Check.pass(name, reserved == null ? "unreserved pool" : reserved + " reserved");
    }

    private Check asDeployed(String function) {
        String name = "function " + function + " as deployed";
        String version = lambda.getAlias(request -> request.functionName(function).name(ALIAS)).functionVersion();
        GetFunctionConfigurationResponse live = lambda.getFunctionConfiguration(request -> request
                .functionName(function).qualifier(version));
        GetFunctionConfigurationResponse latest = lambda.getFunctionConfiguration(request -> request
                .functionName(function));
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(live.codeSha256(), latest.codeSha256())) {
            differences.add("code " + latest.codeSha256() + " is not the live version's " + live.codeSha256());
        }
        if (!Objects.equals(variables(live), variables(latest))) {
            differences.add("environment differs from the live version's");
        }
        if (version.equals("$LATEST")) {
            differences.add(ALIAS + " points at $LATEST, not a published version");
        }
        return differences.isEmpty()
                ? Check.pass(name, ALIAS + " is version " + version + ", code and environment as deployed")
                : Check.fail(name, ALIAS + " is version " + version + ", but " + String.join("; ", differences)
                        + ": changed outside a deployment");
    }

    private static Object variables(GetFunctionConfigurationResponse configuration) {
        return configuration.environment() == null ? java.util.Map.of() : configuration.environment().variables();
    }
}
