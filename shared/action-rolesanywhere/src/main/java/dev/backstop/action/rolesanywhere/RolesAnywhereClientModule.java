package dev.backstop.action.rolesanywhere;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The IAM Roles Anywhere client, in the graph of the function that acts on trust anchors: signed
 * with the remediation credentials (a member account's role session while the engine decides that
 * account's event), through the function's shared HTTP client.
 */
@Module
public final class RolesAnywhereClientModule {

    private RolesAnywhereClientModule() {
    }

    @Provides
    @Singleton
    static RolesAnywhereApi rolesAnywhere(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new RolesAnywhereApi(http, credentials, region);
    }
}
