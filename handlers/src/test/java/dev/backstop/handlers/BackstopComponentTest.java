package dev.backstop.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.watchdog.WatchdogScope;
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
    void theCloudTrailFunctionsGraphWiresItsHandlerAndTheWatchdogs() {
        TrailComponent component = DaggerTrailComponent.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(new CloudTrailHandler(component)).isNotNull();
        assertThat(component.watchdog()).isSameAs(component.watchdog());
        assertThat(new TrailWatchdogHandler(component, WatchdogScope.EVERY_TRAIL)).isNotNull();
    }

    @Test
    void theEc2FunctionsGraphWiresItsHandler() {
        Ec2Component component = DaggerEc2Component.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(new Ec2Handler(component)).isNotNull();
    }

    @Test
    void theS3FunctionsGraphWiresItsHandler() {
        S3Component component = DaggerS3Component.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(new S3Handler(component)).isNotNull();
    }

    @Test
    void theLambdaFunctionsGraphWiresItsHandler() {
        LambdaComponent component = DaggerLambdaComponent.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(new LambdaHandler(component)).isNotNull();
    }

    @Test
    void theAlarmFunctionsGraphWiresBothAlarmHandlers() {
        AlarmComponent component = AlarmComponent.create(settings, Clock.systemUTC());

        assertThat(component.alarms()).isSameAs(component.alarms());
        assertThat(new AlarmHandler(component)).isNotNull();
        assertThat(new SnsAlarmHandler(component)).isNotNull();
    }

    @Test
    void theWholeCatalogueGraphWiresTheAlarmEngineToo() {
        BackstopComponent component = BackstopComponent.factory().create(settings, Clock.systemUTC());

        assertThat(component.alarms()).isNotNull();
        assertThat(new SnsAlarmHandler(component)).isNotNull();
    }
}
