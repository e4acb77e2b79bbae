package dev.backstop.aws;

import dagger.Module;
import dagger.Provides;
import dev.backstop.action.TrailDestinations;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Tells the actions that guard a trail's bucket or log group where the trails deliver, with one
 * signed DescribeTrails ({@link SignedTrailDestinations}) in the account the engine acts in (the
 * scoped credentials): for the graphs with no CloudTrail client of their own (the S3 and detection
 * functions). The graphs that have one bind the CloudTrail actions' {@code TrailDestinationsModule}
 * instead.
 */
@Module
public final class SignedTrailDestinationsModule {

    private SignedTrailDestinationsModule() {
    }

    @Provides
    @Singleton
    static TrailDestinations trailDestinations(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new SignedTrailDestinations(new JsonApi(http, credentials, region, SignedTrailDestinations.CLOUDTRAIL));
    }
}
