package dev.backstop.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dagger.Module;
import dagger.Provides;
import dev.backstop.rules.BuiltInRules;
import dev.backstop.rules.RuleBook;
import java.time.Duration;
import javax.inject.Singleton;

/** The engine's own collaborators: JSON, the compiled rules and the read-back policy. */
@Module
public final class EngineModule {

    private EngineModule() {
    }

    @Provides
    @Singleton
    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Provides
    @Singleton
    static RuleBook ruleBook() {
        return RuleBook.compile(BuiltInRules.all());
    }

    @Provides
    static VerifyPolicy verifyPolicy() {
        return new VerifyPolicy(5, Duration.ofMillis(200));
    }
}
