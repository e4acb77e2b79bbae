package dev.backstop.action.lambda;

import dev.backstop.catalogue.LambdaParametersModule;
import dev.backstop.event.AlarmEvent;
import dev.backstop.rules.ActionSpec;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The function alias an alarm is about. Lambda's metrics name the function in the
 * {@code FunctionName} dimension and, for an alias's or a version's own metrics, in
 * {@code Resource} as {@code function:qualifier}. A qualifier that is an alias name wins; a
 * version ({@code 3}, {@code $LATEST}) or no qualifier leaves the choice to the rule's
 * {@code alias} parameter ({@value LambdaParametersModule#DEFAULT_ALIAS} by default).
 */
record AliasTarget(String function, String alias) {

    static final String FUNCTION_NAME = "FunctionName";
    static final String RESOURCE = "Resource";

    // Lambda's own rule for alias names: letters, digits, - and _, not all digits.
    private static final Pattern ALIAS_NAME = LambdaParametersModule.ALIAS_NAME;

    /** The function the alarm names, if any. */
    static Optional<String> function(AlarmEvent alarm) {
        Optional<String> named = alarm.dimension(FUNCTION_NAME).filter(name -> !name.isBlank());
        if (named.isPresent()) {
            return named;
        }
        return alarm.dimension(RESOURCE).map(resource -> resource.split(":", 2)[0]).filter(name -> !name.isBlank());
    }

    /** The alias to act on; an IllegalArgumentException names a bad alias parameter. */
    static AliasTarget of(AlarmEvent alarm, ActionSpec spec) {
        String function = function(alarm).orElseThrow(() -> new IllegalArgumentException(
                "the alarm names no function (no " + FUNCTION_NAME + " or " + RESOURCE + " dimension)"));
        Optional<String> qualifier = alarm.dimension(RESOURCE)
                .filter(resource -> resource.startsWith(function + ":"))
                .map(resource -> resource.substring(function.length() + 1))
                .filter(name -> ALIAS_NAME.matcher(name).matches());
        if (qualifier.isPresent()) {
            return new AliasTarget(function, qualifier.get());
        }
        String alias = spec.string(LambdaParametersModule.ALIAS).orElse(LambdaParametersModule.DEFAULT_ALIAS);
        if (!ALIAS_NAME.matcher(alias).matches()) {
            throw new IllegalArgumentException(LambdaParametersModule.ALIAS + ": \"" + alias + "\" is not an alias name"
                    + " (letters, digits, - and _, not all digits)");
        }
        return new AliasTarget(function, alias);
    }
}
