package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamChecks;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters rules may give each Lambda action, under the action's name: in every function's
 * graph (through {@link dev.backstop.action.CatalogueParametersModule}), so each can check the
 * whole rule pack without the Lambda SDK. This class touches no SDK type for that reason.
 */
@Module
public final class LambdaParametersModule {

    public static final String ALIAS = "alias";
    public static final String DEFAULT_ALIAS = "live";
    /** Lambda's syntax for an alias name. */
    public static final Pattern ALIAS_NAME = Pattern.compile("(?!^[0-9]+$)[A-Za-z0-9_-]{1,128}");

    /** lambda.rollback-alias's. */
    public static final List<ParamSpec> ROLLBACK_ALIAS = List.of(
            new ParamSpec(ALIAS, ParamType.STRING, false,
                    "the alias to roll back when the alarm names only the function (no Resource dimension"
                            + " of the form function:alias); " + DEFAULT_ALIAS + " when absent")
                    .withCheck(ParamChecks.matching(ALIAS_NAME, "an alias name (1-128 letters, digits, - and _, not all digits)")));

    private LambdaParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("lambda.rollback-alias")
    static List<ParamSpec> rollbackAliasParameters() {
        return ROLLBACK_ALIAS;
    }

    /** None: outside is the deployment's trusted set. */
    @Provides
    @IntoMap
    @StringKey("lambda.remove-permission")
    static List<ParamSpec> removePermissionParameters() {
        return List.of();
    }

    /** None: AWS_IAM is the one other auth type. */
    @Provides
    @IntoMap
    @StringKey("lambda.require-url-auth")
    static List<ParamSpec> requireUrlAuthParameters() {
        return List.of();
    }

    /** None: outside is the deployment's trusted set. */
    @Provides
    @IntoMap
    @StringKey("lambda.remove-outside-layers")
    static List<ParamSpec> removeOutsideLayersParameters() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("lambda.delete-function-concurrency")
    static List<ParamSpec> deleteFunctionConcurrencyParameters() {
        return List.of(); // none: the function is the one the call named, if it is Backstop's own
    }

    @Provides
    @IntoMap
    @StringKey("lambda.restore-alias")
    static List<ParamSpec> restoreAliasParameters() {
        return List.of(); // none: the alias is the one the call moved, if its function is Backstop's own
    }
}
