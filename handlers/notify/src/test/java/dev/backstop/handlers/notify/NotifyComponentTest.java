package dev.backstop.handlers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.channels.ChannelSettings;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class NotifyComponentTest {

    @Test
    void theNotificationFunctionsGraphWiresEveryChannel() {
        NotifyComponent component = NotifyComponent.create(
                new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.DRY_RUN, List.of()),
                ChannelSettings.fromEnvironment(Map.of()), Clock.systemUTC());

        assertThat(component.relay()).isSameAs(component.relay());
        assertThat(new NotifyHandler(component)).isNotNull();
    }

    @Test
    void theSecretsPrefixDefaultsToBackstopAndRefusesAnythingButASecretNamePrefix() {
        assertThat(ChannelSettings.fromEnvironment(Map.of()).secretsPrefix()).isEqualTo("backstop/");
        assertThat(ChannelSettings.fromEnvironment(Map.of(ChannelSettings.SECRETS_PREFIX, "team-a/")).secretsPrefix())
                .isEqualTo("team-a/");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                ChannelSettings.fromEnvironment(Map.of(ChannelSettings.SECRETS_PREFIX, "*")))
                .hasMessageContaining(ChannelSettings.SECRETS_PREFIX);
    }
}
