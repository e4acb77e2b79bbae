package dev.backstop.rules.source;

import dagger.Lazy;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dev.backstop.config.Settings;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleSource;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.inject.Singleton;
import dev.backstop.aws.S3ObjectReader;

/**
 * The rules in force: the default pack, compiled once per container, plus the team's file from
 * S3 when the deployment names one. Rule files are checked against every action's parameters
 * (bound by the catalogue, which the engine's module includes), whichever actions the function
 * itself can run. Every version of the file read is told to the {@link RuleFileLoads} the engine's
 * module binds, built when the first version is told: compiling the rules builds none of the SDK
 * clients it writes with, so a handler can build those on another thread meanwhile.
 */
@Module
public abstract class RulesModule {

    private RulesModule() {
    }

    /** Who audits each load of the team's file: the engine's module binds it; without, no load is audited. */
    @BindsOptionalOf
    abstract RuleFileLoads ruleFileLoads();

    @Provides
    @Singleton
    static RuleSource ruleSource(Settings settings, RuleLoader loader, Lazy<S3ObjectReader> s3,
            Optional<Lazy<RuleFileLoads>> loads, Telemetry telemetry, Clock clock) {
        if (settings.rulesLocation().isEmpty()) {
            RuleBook shipped = loader.load(List.of(DefaultPack.text()));
            return () -> shipped;
        }
        return new RefreshingRuleSource(new RemoteRuleFile(settings.rulesLocation().get(), s3), loader,
                loads.<RuleFileLoads>map(LazyLoads::new).orElse(RuleFileLoads.UNRECORDED), telemetry, clock,
                settings.rulesTtl());
    }
}
