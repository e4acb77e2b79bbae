package dev.backstop.handlers.rds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class RdsComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theRdsFunctionsGraphWiresItsHandler() {
        RdsComponent component = DaggerRdsComponent.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(new RdsHandler(component)).isNotNull();
    }
}
