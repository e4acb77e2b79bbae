package dev.backstop.handlers.rolesanywhere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class RolesAnywhereComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theRolesAnywhereFunctionsGraphWiresItsHandler() {
        RolesAnywhereComponent component = DaggerRolesAnywhereComponent.factory().create(settings, Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(new RolesAnywhereHandler(component)).isNotNull();
    }
}
