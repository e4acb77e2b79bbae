package dev.backstop.action.ec2;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The EC2 client, in the graphs of the functions that act on security groups. */
@Module
public final class Ec2ClientModule {

    private Ec2ClientModule() {
    }

    @Provides
    @Singleton
    static Ec2Client ec2(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(Ec2Client.builder(), http, credentials, region);
    }
}
