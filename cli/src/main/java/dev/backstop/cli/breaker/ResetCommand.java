package dev.backstop.cli.breaker;

import dev.backstop.breaker.BreakerScope;
import dev.backstop.breaker.BreakerTable;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./backstop breaker reset}: close tripped breakers so Backstop acts again. */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = {
            "Closes tripped breakers so Backstop acts again.",
            "Resets the breakers named with --account, --rule, --principal or --resource",
            "(each may repeat), starts their counts afresh and notes who reset them. Fix",
            "what tripped a breaker first: a rule that fires too widely, or whatever keeps",
            "undoing a fix. A tripped breaker also closes by itself after its cool-down",
            "(BACKSTOP_BREAKER_COOLDOWN_SECONDS, an hour by default). Uses",
            "BACKSTOP_AUDIT_TABLE (or --table), and AWS credentials and region from the",
            "environment.",
            "Exit 0 when every named breaker was reset, 1 when one was not tripped, 2 on",
            "a usage error."})
final class ResetCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BreakerOptions options;

    ResetCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        List<BreakerScope> scopes = options.scopes();
        if (scopes.isEmpty()) {
            throw options.usage("name the breakers to reset with --account, --rule, --principal or --resource"
                    + " (./backstop breaker status lists the tripped ones)");
        }
        BreakerTable table = options.table(env);
        PrintWriter out = spec.commandLine().getOut();
        String by = System.getProperty("user.name", "operator");
        int notTripped = 0;
        for (BreakerScope scope : scopes) {
            if (table.reset(scope, by, clock.instant())) {
                out.println("Reset " + scope.describe() + ".");
            } else {
                spec.commandLine().getErr().println("backstop breaker reset: " + scope.describe() + " was not tripped");
                notTripped++;
            }
        }
        return notTripped == 0 ? 0 : 1;
    }
}
