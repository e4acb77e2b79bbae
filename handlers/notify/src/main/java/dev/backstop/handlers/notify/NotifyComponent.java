package dev.backstop.handlers.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.channels.ChannelSettings;
import dev.backstop.channels.ChannelsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import java.time.Clock;
import javax.inject.Singleton;

/** The notification function's graph: the audit table, the rule files' routing and the channels; no action. */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, ChannelsModule.class})
public interface NotifyComponent {

    NotificationRelay relay();

    ObjectMapper json();

    static NotifyComponent create(Settings settings, ChannelSettings channels, Clock clock) {
        return DaggerNotifyComponent.factory().create(settings, channels, clock);
    }

    @Component.Factory
    interface Factory {
        NotifyComponent create(@BindsInstance Settings settings, @BindsInstance ChannelSettings channels,
                @BindsInstance Clock clock);
    }
}
