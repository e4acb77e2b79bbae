package dev.backstop.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsServiceClientConfiguration;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS at the SDK edge: keeps every AssumeRole request and answers with keys named for the role's
 * account ({@code ASIA<account>}), valid for an hour from the clock it is given. The caller's own
 * credentials are of the samples' account, 123456789012, unless told otherwise.
 */
public final class FakeSts implements StsClient {

    private final List<AssumeRoleRequest> requests = new ArrayList<>();
    private final Instant now;
    private String callerAccount = "123456789012";

    public FakeSts(Instant now) {
        this.now = now;
    }

    /** The account GetCallerIdentity names. */
    public FakeSts callerIn(String account) {
        this.callerAccount = account;
        return this;
    }

    public List<AssumeRoleRequest> requests() {
        return requests;
    }

    /** The access key id an assumed session of a role in this account signs with. */
    public static String accessKeyFor(String account) {
        return "ASIA" + account;
    }

    @Override
    public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
        requests.add(request);
        String account = request.roleArn().split(":")[4];
        return AssumeRoleResponse.builder().credentials(Credentials.builder()
                .accessKeyId(accessKeyFor(account)).secretAccessKey("secret-" + account).sessionToken("token-" + account)
                .expiration(now.plusSeconds(3600)).build()).build();
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        return GetCallerIdentityResponse.builder().account(callerAccount)
                .arn("arn:aws:iam::" + callerAccount + ":user/operator").build();
    }

    @Override
    public StsServiceClientConfiguration serviceClientConfiguration() {
        return StsServiceClientConfiguration.builder().region(Region.US_EAST_1).build();
    }

    @Override
    public String serviceName() {
        return "sts";
    }

    @Override
    public void close() {
    }
}
