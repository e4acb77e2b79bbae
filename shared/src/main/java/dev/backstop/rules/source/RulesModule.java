package dev.backstop.rules.source;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.backstop.action.RemediationAction;
import dev.backstop.config.Settings;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleSource;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The rules in force: the default pack, compiled once per container, plus the team's file from
 * S3 when the deployment names one.
 */
@Module
public final class RulesModule {

    private RulesModule() {
    }

    @Provides
    @Singleton
    static RuleSource ruleSource(Settings settings, RuleLoader loader, Lazy<S3Client> s3,
            Telemetry telemetry, Clock clock) {
        if (settings.rulesLocation().isEmpty()) {
            RuleBook shipped = loader.load(List.of(DefaultPack.text()));
            return () -> shipped;
        }
        return new RefreshingRuleSource(new RemoteRuleFile(settings.rulesLocation().get(), s3), loader,
                telemetry, clock, settings.rulesTtl());
    }

    /** What each catalogue action accepts, for checking rule files. */
    @Provides
    @Singleton
    static Map<String, List<ParamSpec>> actionParameters(Map<String, RemediationAction> catalogue) {
        return catalogue.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> entry.getValue().parameters()));
    }
}
