package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrailConfigTest {

    static final String ARN = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/abc";

    static TrailConfig trail(String bucket, String kms, boolean multiRegion, boolean validation, EventSelectors selectors) {
        return new TrailConfig("management-events", ARN, bucket, "audit", null, kms, multiRegion, true, validation,
                false, null, null, selectors, Map.of("team", "security"));
    }

    private static final TrailConfig GOOD = trail("logs", KEY, true, true, EventSelectors.DEFAULT);

    @Test
    void theSameConfigurationIsNotWeaker() {
        assertThat(GOOD.weakenedFrom(GOOD)).isEmpty();
    }

    @Test
    void namesEachWeakening() {
        TrailConfig weak = trail("elsewhere", "", false, false, new EventSelectors(List.of(new EventSelectors.Basic(
                "ReadOnly", true, List.of(), List.of())), List.of()));

        assertThat(weak.weakenedFrom(GOOD)).containsExactly("multi-region turned off",
                "log file validation turned off", "bucket logs replaced by elsewhere", "KMS key " + KEY + " removed",
                "management events narrowed from read and write to read only");
    }

    @Test
    void addingAKeyOrTurningSettingsOnIsNotWeakening() {
        TrailConfig plain = trail("logs", "", false, false, EventSelectors.DEFAULT);

        assertThat(GOOD.weakenedFrom(plain)).isEmpty();
    }

    @Test
    void readsAbsentStringsAsEmptySoSnapshotsCompareEqual() {
        TrailConfig trail = new TrailConfig("t", ARN, "b", null, null, null, false, false, false, false, null, null,
                EventSelectors.DEFAULT, Map.of());

        assertThat(trail.kmsKeyId()).isEmpty();
        assertThat(SnapshotJson.read(SnapshotJson.write(GOOD), TrailConfig.class, "test")).isEqualTo(GOOD);
    }
}
