package dev.backstop.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CanarySettingsTest {

    @Test
    void theBucketComesFromTheEnvironmentAndTheMemberRoleHasADefault() {
        CanarySettings settings = CanarySettings.fromEnvironment(Map.of(CanarySettings.BUCKET, "stack-canarybucket-1a2b"));

        assertThat(settings).isEqualTo(new CanarySettings("stack-canarybucket-1a2b", "BackstopCanary"));
        assertThat(CanarySettings.memberBucket("444455556666", "eu-west-1"))
                .isEqualTo("backstop-canary-444455556666-eu-west-1");
    }

    @Test
    void aMissingOrMalformedSettingIsNamed() {
        assertThatThrownBy(() -> CanarySettings.fromEnvironment(Map.of()))
                .hasMessage("BACKSTOP_CANARY_BUCKET is not set");
        assertThatThrownBy(() -> CanarySettings.fromEnvironment(Map.of(CanarySettings.BUCKET, "Not_A_Bucket")))
                .hasMessageContaining("not a bucket name: \"Not_A_Bucket\"");
        assertThatThrownBy(() -> CanarySettings.fromEnvironment(Map.of(CanarySettings.BUCKET, "b-ok",
                CanarySettings.ROLE_NAME, "no spaces please"))).hasMessageContaining("not an IAM role name");
    }
}
