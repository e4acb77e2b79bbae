package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ActionSpec;
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

    public static final String MINIMUM_DAYS = "minimumDays";
    public static final long DEFAULT_LIFECYCLE_MINIMUM_DAYS = 365;
    /** S3's limit for a bucket policy: 20 KB. */
    static final int MAX_POLICY = 20 * 1024;

    private S3ParametersModule() {
    }

    /** s3.restore-lifecycle's minimum; an IllegalArgumentException names a bad one. */
    public static long lifecycleMinimumDays(ActionSpec spec) {
        long days = spec.integer(MINIMUM_DAYS).orElse(DEFAULT_LIFECYCLE_MINIMUM_DAYS);
        if (days < 1 || days > 36_500) {
            throw new IllegalArgumentException(MINIMUM_DAYS + ": " + days + " is not a number of days from 1 to 36500");
        }
        return days;
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
    @StringKey("s3.restore-lifecycle")
    static List<ParamSpec> restoreLifecycle() {
        return List.of(new ParamSpec(MINIMUM_DAYS, ParamType.INTEGER, false, "how long a trail's log files must be kept:"
                + " a rule that expires them (current or noncurrent) sooner is cut short; " + DEFAULT_LIFECYCLE_MINIMUM_DAYS
                + " when absent"));
    }

    @Provides
    @IntoMap
    @StringKey("s3.make-acl-private")
    /** None: private keeps the owner's and log delivery's grants, and nothing else. */
    static List<ParamSpec> makeAclPrivate() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("s3.notify-backstop-tags")
    static List<ParamSpec> notifyBackstopTags() {
        return List.of(); // none: the bucket and the tags are the call's
    }
}
