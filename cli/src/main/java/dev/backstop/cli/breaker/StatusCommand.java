package dev.backstop.cli.breaker;

import dev.backstop.breaker.BreakerScope;
import dev.backstop.breaker.BreakerState;
import dev.backstop.breaker.BreakerTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./backstop breaker status}: which breakers are tripped, and why. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the tripped breakers, with when and why they tripped.",
            "With --account, --rule, --principal or --resource (each may repeat), shows",
            "those breakers, tripped or not. Uses BACKSTOP_AUDIT_TABLE (or --table), and",
            "AWS credentials and region from the environment.",
            "Exit 0 when every breaker shown is closed, 1 when one is tripped, 2 on a",
            "usage error."})
final class StatusCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BreakerOptions options;

    StatusCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        List<BreakerScope> named = options.scopes();
        BreakerTable table = options.table(env);
        List<BreakerState> states = named.isEmpty() ? table.tripped() : named.stream().map(table::state).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (named.isEmpty() && states.isEmpty()) {
            out.println("No breaker is tripped.");
        }
        for (BreakerState state : states) {
            out.println(line(state));
        }
        return states.stream().anyMatch(BreakerState::tripped) ? 1 : 0;
    }

    private static String line(BreakerState state) {
        String scope = state.scope().kind().breaker() + " " + state.scope().kind().label() + " " + state.scope().target();
        if (state.tripped()) {
            return "TRIPPED " + scope + ": " + state.cause() + "; reset with " + state.scope().resetCommand();
        }
        return "closed  " + scope + (state.resetAt() == null ? "" : " (reset at " + state.resetAt() + " by "
                + state.resetBy() + ")");
    }
}
