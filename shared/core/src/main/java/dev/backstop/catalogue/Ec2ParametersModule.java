package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.ParamChecks;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import dev.backstop.text.Shown;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameters rules may give each EC2 action, under the action's name: in every function's
 * graph (through {@link dev.backstop.action.CatalogueParametersModule}), so each can check the
 * whole rule pack without the EC2 actions or their SDK. Declared here, in a class that touches
 * no SDK type, because a function without the EC2 SDK on its classpath loads this class too.
 */
@Module
public final class Ec2ParametersModule {

    public static final String ALLOWED_PORTS = "allowedPorts";
    public static final String ALLOWED_PORTS_TAG = "allowedPortsTag";

    /** ec2.revoke-world-ingress's, read by its port policy. */
    public static final List<ParamSpec> REVOKE_WORLD_INGRESS = List.of(
            new ParamSpec(ALLOWED_PORTS, ParamType.INTEGER_LIST, false,
                    "TCP and UDP ports that may stay open to the world, such as [443]; none by default")
                    .withCheck(ParamChecks.range(0, 65535, "a port")),
            new ParamSpec(ALLOWED_PORTS_TAG, ParamType.STRING, false,
                    "allow those ports only on groups with this tag: KEY=VALUE, or KEY for any value"
                            + " (split at the first =); every group when absent")
                    .withCheck(ParamChecks.matching(Pattern.compile("[^=]{1,128}(=.{0,256})?", Pattern.DOTALL),
                            "a tag as KEY=VALUE or KEY (EC2 tag keys have 1-128 characters, values at most 256)")));

    public static final String QUARANTINE_GROUP_NAME = "quarantineGroupName";
    public static final String DEFAULT_QUARANTINE_GROUP = "backstop-quarantine";

    /** ec2.isolate-instance's. */
    public static final List<ParamSpec> ISOLATE_INSTANCE = List.of(
            new ParamSpec(QUARANTINE_GROUP_NAME, ParamType.STRING, false,
                    "the name of the quarantine security group in the instance's VPC, created if missing; "
                            + DEFAULT_QUARANTINE_GROUP + " when absent")
                    .withCheck(value -> groupNameProblem((String) value)));

    public static final String UNSHARE_SNAPSHOT = "ec2.unshare-snapshot";
    public static final String UNSHARE_IMAGE = "ec2.unshare-image";

    private Ec2ParametersModule() {
    }

    /** The quarantine group's name a rule asks for; an IllegalArgumentException names a bad one. */
    public static String quarantineGroupName(ActionSpec spec) {
        String name = spec.string(QUARANTINE_GROUP_NAME).orElse(DEFAULT_QUARANTINE_GROUP);
        groupNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(QUARANTINE_GROUP_NAME + ": " + problem);
        });
        return name;
    }

    /** EC2's limits for VPC group names: up to 255 characters, and never the reserved sg- prefix. */
    private static Optional<String> groupNameProblem(String name) {
        if (name.isBlank() || name.length() > 255 || name.toLowerCase(Locale.ROOT).startsWith("sg-")) {
            return Optional.of(Shown.quoted(name) + " is not a security group name (1-255 characters, not starting with sg-)");
        }
        return Optional.empty();
    }

    @Provides
    @IntoMap
    @StringKey("ec2.revoke-world-ingress")
    static List<ParamSpec> revokeWorldIngressParameters() {
        return REVOKE_WORLD_INGRESS;
    }

    @Provides
    @IntoMap
    @StringKey("ec2.recreate-flow-log")
    static List<ParamSpec> recreateFlowLogParameters() {
        return List.of(); // none: the flow logs come from the call, their configuration from Backstop's snapshots
    }

    @Provides
    @IntoMap
    @StringKey("ec2.enable-ebs-encryption-by-default")
    static List<ParamSpec> enableEbsEncryptionParameters() {
        return List.of(); // none: an account setting of the region
    }

    @Provides
    @IntoMap
    @StringKey("ec2.isolate-instance")
    static List<ParamSpec> isolateInstanceParameters() {
        return ISOLATE_INSTANCE;
    }

    /** None: who is outside is the deployment's trusted set, one setting for every such rule. */
    @Provides
    @IntoMap
    @StringKey(UNSHARE_SNAPSHOT)
    static List<ParamSpec> unshareSnapshotParameters() {
        return List.of();
    }

    /** None, as for snapshots. */
    @Provides
    @IntoMap
    @StringKey(UNSHARE_IMAGE)
    static List<ParamSpec> unshareImageParameters() {
        return List.of();
    }
}
