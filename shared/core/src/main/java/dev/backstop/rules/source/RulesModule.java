package dev.backstop.rules.source;

import dagger.Lazy;
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
import javax.inject.Singleton;
import dev.backstop.aws.S3ObjectReader;

/**
 * The rules in force: the default pack, compiled once per container, plus the team's file from
 * S3 when the deployment names one. Rule files are checked against every action's parameters
 * (bound by the catalogue, which the engine's module includes), whichever actions the function
 * itself can run.
 */
@Module
public final class RulesModule {

    private RulesModule() {
    }

    @Provides
    @Singleton
    static RuleSource ruleSource(Settings settings, RuleLoader loader, Lazy<S3ObjectReader> s3,
            Telemetry telemetry, Clock clock) {
        if (settings.rulesLocation().isEmpty()) {
            RuleBook shipped = loader.load(List.of(DefaultPack.text()));
            return () -> shipped;
        }
        return new RefreshingRuleSource(new RemoteRuleFile(settings.rulesLocation().get(), s3), loader,
                telemetry, clock, settings.rulesTtl());
    }
}
