package dev.backstop.handlers.s3findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.FindingEvent;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class S3FindingsComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theS3FindingsFunctionsGraphDecidesFindings() {
        S3FindingsComponent component = DaggerS3FindingsComponent.factory().create(settings, Clock.systemUTC());

        assertThat(new S3FindingsHandler(component)).isNotNull();
        assertThat(component.engine().decides(FindingEvent.class)).isTrue();
    }
}
