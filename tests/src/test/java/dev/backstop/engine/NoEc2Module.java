package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The engine's unit tests run CloudTrail rules only; the EC2 actions are tested on their own
 * with a fake client (action.ec2) and through the handler on the emulators (Ec2RemediationIT).
 */
@Module
final class NoEc2Module {

    private NoEc2Module() {
    }

    @Provides
    static Ec2Client ec2() {
        throw new IllegalStateException("engine unit tests make no EC2 call");
    }
}
