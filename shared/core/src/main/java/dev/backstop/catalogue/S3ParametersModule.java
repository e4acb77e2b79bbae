package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import dev.backstop.text.Shown;
import java.util.List;
import java.util.Optional;

/**
 * The parameters rules may give the S3 actions, declared here and not on the actions: every
 * function checks rule files against the whole catalogue (through
 * {@link dev.backstop.action.CatalogueParametersModule}), while only the S3 function's artifact
 * holds the S3 Control SDK, which loading an action class could need.
 */
@Module
public final class S3ParametersModule {

    public static final String BASELINE = "baselinePolicy";
    public static final List<String> BLOCK_SETTINGS = List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy",
            "restrictPublicBuckets");

    /** S3's limit for a bucket policy: 20 KB. */
    static final int MAX_POLICY = 20 * 1024;

    private S3ParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("s3.restore-bucket-policy")
    static List<ParamSpec> restoreBucketPolicy() {
        return List.of(new ParamSpec(BASELINE, ParamType.JSON, false, "the policy to apply when Backstop recorded"
                + " none for the bucket; ${bucket} and ${bucketArn} stand for the bucket's name and ARN")
                .withCheck(value -> ((String) value).length() <= MAX_POLICY ? Optional.empty()
                        : Optional.of(Shown.count(((String) value).length()) + " characters of JSON, more than the "
                                + Shown.count(MAX_POLICY) + " S3 allows a bucket policy")));
    }

    @Provides
    @IntoMap
    @StringKey("s3.remove-public-policy-statements")
    /** None: which statements are public is not a matter of taste. */
    static List<ParamSpec> removePublicPolicyStatements() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("s3.remove-outside-policy-statements")
    /** None: outside is the deployment's trusted set, one setting for every such rule. */
    static List<ParamSpec> removeOutsidePolicyStatements() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("s3.remove-outside-replication")
    /** None: outside is the deployment's trusted set. */
    static List<ParamSpec> removeOutsideReplication() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("s3.block-public-access")
    static List<ParamSpec> blockPublicAccess() {
        return BLOCK_SETTINGS.stream().map(name -> new ParamSpec(name, ParamType.BOOLEAN, false,
                "turn " + name + " on (default true); false leaves the setting as it is")).toList();
    }

    @Provides
    @IntoMap
    @StringKey("s3.make-acl-private")
    /** None: private keeps the owner's and log delivery's grants, and nothing else. */
    static List<ParamSpec> makeAclPrivate() {
        return List.of();
    }
}
