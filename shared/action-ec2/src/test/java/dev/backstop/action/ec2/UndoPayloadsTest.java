package dev.backstop.action.ec2;

import dev.backstop.action.UnshareAction;
import dev.backstop.action.UnshareUndo;
import dev.backstop.catalogue.Ec2ParametersModule;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeEc2;
import dev.backstop.testing.FakeEc2Shares;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestAlarms;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The undo data each EC2 action stores, against golden files of every version it was stored in
 * (version 1 captured from the code before undo data was typed; the unshare actions came with
 * version 2), and undone from each.
 */
class UndoPayloadsTest {

    private static final String LB = "sg-0d4e5f6a7b8c9d0e1";
    private static final ActionSpec REVOKE = new ActionSpec(RevokeWorldIngressAction.NAME,
            Map.of("allowedPorts", List.of(80L, 443L), "allowedPortsTag", "backstop:public-lb=true"));
    private static final String INSTANCE = "i-0123456789abcdef0";

    @Test
    void revokeWorldIngressSplittingAMixedRangeIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(RevokeWorldIngressAction.NAME, RevokeWorldIngressUndo.FORMAT, () -> {
            FakeEc2 ec2 = new FakeEc2().group(LB, "public-lb", "backstop:public-lb", "true")
                    .ingressWithId("sgr-0d3e4f5a6b7c8d9e0", LB, "tcp", 80, 443, "0.0.0.0/0", "web");
            var action = new RevokeWorldIngressAction(new SecurityGroups(ec2), Region.US_EAST_1);
            return Applied.apply(action, action.plan(new CloudTrailEventParser().parse(
                    SampleEvents.edited("ec2/authorize-ingress-mixed-range.json", e -> { })), REVOKE),
                    () -> ec2.ingressOf(LB));
        });
    }

    @Test
    void isolateInstanceWithTwoInterfacesIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(IsolateInstanceAction.NAME, IsolateInstanceUndo.FORMAT, () -> {
            Map<String, List<String>> interfaces = new LinkedHashMap<>();
            interfaces.put("eni-primary", List.of("sg-web", "sg-ssh"));
            interfaces.put("eni-data", List.of("sg-db"));
            FakeInstances ec2 = new FakeInstances().group("sg-web", "web", "vpc-0a1b2c3d")
                    .group("sg-ssh", "ssh", "vpc-0a1b2c3d").group("sg-db", "db-clients", "vpc-0a1b2c3d")
                    .instance(INSTANCE, "vpc-0a1b2c3d", interfaces);
            Instances instances = new Instances(ec2, Region.US_EAST_1);
            var action = new IsolateInstanceAction(instances, Region.US_EAST_1);
            return Applied.apply(action, action.plan(TestAlarms.alarm("web-1 outbound spike", "ALARM", "AWS/EC2",
                    "NetworkOut", Map.of("InstanceId", INSTANCE)), new ActionSpec(IsolateInstanceAction.NAME, Map.of())),
                    () -> instances.find(INSTANCE).orElseThrow().groups());
        });
    }

    @Test
    void enableEbsEncryptionStoresTheRegionInVersionTwo() {
        UndoGolden.assertStoredAs(EnableEbsEncryptionAction.NAME, EnableEbsEncryptionUndo.FORMAT,
                new EnableEbsEncryptionUndo("us-east-1"));
    }

    @Test
    void recreateFlowLogStoresTheRecreatedFlowLogsInVersionTwo() {
        UndoGolden.assertStoredAs(RecreateFlowLogAction.NAME, RecreateFlowLogUndo.FORMAT,
                new RecreateFlowLogUndo(List.of("fl-0a1b2c3d4e5f67890", "fl-0f9e8d7c6b5a43210")));
    }

    @Test
    void unshareSnapshotIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(Ec2ParametersModule.UNSHARE_SNAPSHOT, UnshareUndo.FORMAT, 2, () -> {
            FakeEc2Shares ec2 = new FakeEc2Shares().snapshot("snap-0a1b2c3d4e5f60789", "999988887777", "444455556666");
            var action = new UnshareAction(Ec2ParametersModule.UNSHARE_SNAPSHOT,
                    new SnapshotPermissions(ec2, Region.US_EAST_1), new TrustedSet(Optional.empty(), Set.of("444455556666")));
            return Applied.apply(action, action.plan(new CloudTrailEventParser().parse(
                    SampleEvents.edited("ec2/modify-snapshot-attribute-share.json", e -> { })),
                    new ActionSpec(Ec2ParametersModule.UNSHARE_SNAPSHOT, Map.of())),
                    () -> ec2.sharedWith("snap-0a1b2c3d4e5f60789"));
        });
    }

    @Test
    void unshareImageMadePublicIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(Ec2ParametersModule.UNSHARE_IMAGE, UnshareUndo.FORMAT, 2, () -> {
            FakeEc2Shares ec2 = new FakeEc2Shares().image("ami-0a1b2c3d4e5f60789", "all");
            var action = new UnshareAction(Ec2ParametersModule.UNSHARE_IMAGE, new ImagePermissions(ec2, Region.US_EAST_1),
                    TrustedSet.none());
            return Applied.apply(action, action.plan(new CloudTrailEventParser().parse(
                    SampleEvents.edited("ec2/modify-image-attribute-public.json", e -> { })),
                    new ActionSpec(Ec2ParametersModule.UNSHARE_IMAGE, Map.of())),
                    () -> ec2.sharedWith("ami-0a1b2c3d4e5f60789"));
        });
    }
}
