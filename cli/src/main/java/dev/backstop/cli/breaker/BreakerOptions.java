package dev.backstop.cli.breaker;

import dev.backstop.breaker.BreakerScope;
import dev.backstop.breaker.BreakerScope.Kind;
import dev.backstop.breaker.BreakerTable;
import dev.backstop.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options both breaker commands take: the table and which breakers. */
final class BreakerOptions {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    // A rule's breaker is per account: ACCOUNT/RULE-ID.
    private static final Pattern RULE = Pattern.compile("\\d{12}/[A-Za-z0-9._-]+");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--table", paramLabel = "NAME", description = "audit table (default: $BACKSTOP_AUDIT_TABLE)")
    private String table;

    @Option(names = "--account", paramLabel = "ID", description = "the blast-radius breaker of this account (12 digits)")
    private List<String> accounts = new ArrayList<>();

    @Option(names = "--rule", paramLabel = "ACCOUNT/RULE-ID",
            description = "the blast-radius breaker of this rule in this account")
    private List<String> rules = new ArrayList<>();

    @Option(names = "--principal", paramLabel = "ARN",
            description = "the blast-radius breaker of this principal's calls (a user's or role's ARN)")
    private List<String> principals = new ArrayList<>();

    @Option(names = "--resource", paramLabel = "ARN", description = "the flapping breaker of this resource")
    private List<String> resources = new ArrayList<>();

    /** The breakers named on the command line, each checked; empty when none is named. */
    List<BreakerScope> scopes() {
        List<BreakerScope> scopes = new ArrayList<>();
        for (String account : accounts) {
            if (!ACCOUNT.matcher(account).matches()) {
                throw usage("--account: expected a 12-digit account id, found \"" + account + "\"");
            }
            scopes.add(BreakerScope.of(Kind.ACCOUNT, account));
        }
        for (String rule : rules) {
            if (!RULE.matcher(rule).matches()) {
                throw usage("--rule: expected ACCOUNT/RULE-ID (12 digits, a slash, then letters, digits, . _ -),"
                        + " found \"" + rule + "\"");
            }
            scopes.add(BreakerScope.of(Kind.RULE, rule));
        }
        for (String principal : principals) {
            if (!principal.trim().startsWith("arn:")) {
                throw usage("--principal: expected a user's or role's ARN, found \"" + principal + "\"");
            }
            scopes.add(BreakerScope.of(Kind.PRINCIPAL, principal.trim()));
        }
        for (String resource : resources) {
            if (resource.isBlank()) {
                throw usage("--resource: expected the resource's ARN, found an empty value");
            }
            scopes.add(BreakerScope.of(Kind.RESOURCE, resource.trim()));
        }
        return scopes;
    }

    /** The breakers' table, from --table or the deployment's setting. */
    BreakerTable table(Map<String, String> env) {
        String name = table != null ? table : env.getOrDefault(Settings.AUDIT_TABLE, "");
        if (name.isBlank()) {
            throw usage("no audit table: give --table or set " + Settings.AUDIT_TABLE);
        }
        return new BreakerTable(DaggerTableComponent.create().dynamoDb(), name.trim());
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
