package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackstopComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theWholeCatalogueGraphWiresTheEngineAndUndo() {
        BackstopComponent component = BackstopComponent.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(component.undo()).isNotNull();
        assertThat(new CloudTrailHandler(component)).isNotNull();
    }

    @Test
    void theWholeCatalogueGraphsEngineDecidesAlarmsToo() {
        BackstopComponent component = BackstopComponent.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine().decides(AlarmEvent.class)).isTrue();
        assertThat(component.engine().decides(CloudTrailEvent.class)).isTrue();
    }
}
