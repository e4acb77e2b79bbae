package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.handlers.ec2.Ec2Handler;
import dev.backstop.handlers.rds.RdsHandler;
import dev.backstop.handlers.s3.S3Handler;
import dev.backstop.tests.SampleDelivery.Decision;
import dev.backstop.testing.SampleEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Data shared outside the trusted set, taken back through the real handlers and SDK clients on
 * the emulators, read back after the fix and after an operator's undo: EBS snapshots and AMIs
 * and bucket policies and replication on LocalStack, RDS DB and cluster snapshots on moto
 * ({@code AWS_ENDPOINT_URL_RDS}, as {@code scripts/emulators env} sets it). Account 444455556666
 * is trusted; 999988887777 is not.
 */
class SharingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";
    private static final String OUTSIDE = "999988887777";
    private static final String PARTNER = "444455556666";

    private static DemoWorld world;
    private static Stage stage;
    private static Ec2Client ec2;
    private static RdsClient rds;
    private static S3Client s3;
    private static String account;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        stage = world.build(Emulators.uniquePrefix("sharing"));
        account = stage.trailArn().split(":")[4];
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        ec2 = AwsClientsModule.build(Ec2Client.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        assertThat(System.getenv("AWS_ENDPOINT_URL_RDS")).as("AWS_ENDPOINT_URL_RDS: moto serves RDS (eval \"$(scripts/"
                + "emulators env)\")").isNotBlank();
        rds = AwsClientsModule.build(RdsClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        s3 = world.s3();
    }

    private static Settings settings() {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of())
                .withTrusted(new TrustedSet(Optional.empty(), Set.of(PARTNER)));
    }

    // ----------------------------------------------------------------------------- EC2

    @Test
    void aSnapshotSharedWithAnOutsideAccountIsTakenBackAndUndoSharesItAgain() {
        String volume = ec2.createVolume(request -> request.availabilityZone("us-east-1a").size(1)).volumeId();
        String snapshot = ec2.createSnapshot(request -> request.volumeId(volume)).snapshotId();
        ec2.modifySnapshotAttribute(request -> request.snapshotId(snapshot)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION).operationType(OperationType.ADD)
                .userIds(OUTSIDE, PARTNER));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), Ec2Handler::new,
                "ec2/modify-snapshot-attribute-share.json", Map.of("snap-0a1b2c3d4e5f60789", snapshot,
                        SAMPLE_ACCOUNT, account), e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(snapshotSharedWith(snapshot)).containsExactly(PARTNER);
        JsonNode action = decision.action("ec2.unshare-snapshot");
        assertThat(action.path("before").path("outside").asText()).isEqualTo(OUTSIDE);
        assertThat(action.path("after").path("outside").asText()).isEqualTo("none");
        assertThat(action.path("undo").path("undoVersion").asInt()).isEqualTo(2);
        assertThat(action.path("undo").path("permissions").toString()).isEqualTo("[\"" + OUTSIDE + "\"]");

        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(snapshotSharedWith(snapshot)).containsExactly(PARTNER, OUTSIDE);
    }

    @Test
    void aShareWithTheTrustedAccountOnlyIsNoMatch() {
        String volume = ec2.createVolume(request -> request.availabilityZone("us-east-1a").size(1)).volumeId();
        String snapshot = ec2.createSnapshot(request -> request.volumeId(volume)).snapshotId();

        Decision decision = SampleDelivery.deliver(world, stage, settings(), Ec2Handler::new,
                "ec2/modify-snapshot-attribute-share.json", Map.of("snap-0a1b2c3d4e5f60789", snapshot,
                        SAMPLE_ACCOUNT, account, OUTSIDE, PARTNER), e -> { });

        assertThat(decision.outcome()).isEqualTo("NO_MATCH");
    }

    @Test
    void anImageMadePublicIsMadePrivateAndUndoMakesItPublicAgain() {
        String source = ec2.describeImages(request -> request.owners("amazon")).images().get(0).imageId();
        String instance = ec2.runInstances(request -> request.imageId(source).minCount(1).maxCount(1)
                .instanceType("t2.micro")).instances().get(0).instanceId();
        String image = ec2.createImage(request -> request.instanceId(instance).name(Emulators.uniquePrefix("ami")))
                .imageId();
        ec2.modifyImageAttribute(request -> request.imageId(image).launchPermission(change -> change
                .add(LaunchPermission.builder().group(PermissionGroup.ALL).build(),
                        LaunchPermission.builder().userId(PARTNER).build())));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), Ec2Handler::new,
                "ec2/modify-image-attribute-public.json", Map.of("ami-0a1b2c3d4e5f60789", image,
                        SAMPLE_ACCOUNT, account), e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(imageSharedWith(image)).containsExactly(PARTNER);
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(imageSharedWith(image)).containsExactly(PARTNER, "all");
    }

    // ----------------------------------------------------------------------------- S3

    @Test
    void aBucketPolicyStatementForAnOutsideAccountIsRemovedAndUndoPutsItBack() throws IOException {
        String bucket = Emulators.uniquePrefix("exports");
        s3.createBucket(request -> request.bucket(bucket));
        String policy = SampleEvents.read("s3/put-bucket-policy-outside-account.json")
                .at("/detail/requestParameters/bucketPolicy").toString().replace("acme-exports", bucket)
                .replace(SAMPLE_ACCOUNT, account);
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(policy));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), S3Handler::new,
                "s3/put-bucket-policy-outside-account.json", Map.of("acme-exports", bucket, SAMPLE_ACCOUNT, account),
                e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(sids(bucket)).containsExactly("DenyInsecureTransport", "AnalyticsReads");
        assertThat(decision.action("s3.remove-outside-policy-statements").path("before").path("outsideSids").asText())
                .isEqualTo("CopyOut");
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(JSON.readTree(s3.getBucketPolicy(request -> request.bucket(bucket)).policy()))
                .isEqualTo(JSON.readTree(policy));
    }

    /**
     * LocalStack checks a destination bucket in its own account, so the destination is made there
     * and named an outside account's by the rule's Destination.Account, as a real cross-account
     * replication names it.
     */
    @Test
    void replicationToAnOutsideAccountIsNotifiedAndWhenEnforcedRemovedAndUndoneWhole() {
        String bucket = Emulators.uniquePrefix("replicated");
        String destination = Emulators.uniquePrefix("drop-zone");
        for (String name : List.of(bucket, destination)) {
            s3.createBucket(request -> request.bucket(name));
            s3.putBucketVersioning(request -> request.bucket(name).versioningConfiguration(v -> v.status("Enabled")));
        }
        ReplicationRule out = ReplicationRule.builder().id("copy-out").priority(1).status("Enabled")
                .filter(filter -> filter.prefix("")).deleteMarkerReplication(marker -> marker.status("Disabled"))
                .destination(to -> to.bucket("arn:aws:s3:::" + destination).account(OUTSIDE)
                        .accessControlTranslation(translation -> translation.owner("Destination")))
                .build();
        s3.putBucketReplication(request -> request.bucket(bucket).replicationConfiguration(configuration -> configuration
                .role("arn:aws:iam::" + account + ":role/s3-replication").rules(out)));
        Map<String, String> names = Map.of("acme-exports", bucket, "drop-zone-eu", destination, SAMPLE_ACCOUNT, account);

        Decision shipped = SampleDelivery.deliver(world, stage, settings(), S3Handler::new,
                "s3/put-bucket-replication-outside.json", names, e -> { });
        assertThat(shipped.outcome()).as("the shipped rule notifies").isEqualTo("NOTIFIED");
        assertThat(s3.getBucketReplication(request -> request.bucket(bucket)).replicationConfiguration().rules())
                .containsExactly(out);

        Decision enforced = SampleDelivery.deliver(world, stage, SampleDelivery.enforcing(world, stage, settings(),
                "s3-bucket-replication-outside"), S3Handler::new, "s3/put-bucket-replication-outside.json", names, e -> { });

        assertThat(enforced.outcome()).isEqualTo("REMEDIATED");
        assertThat(replicationRules(bucket)).isEmpty();
        assertThat(enforced.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(s3.getBucketReplication(request -> request.bucket(bucket)).replicationConfiguration().rules())
                .containsExactly(out);
    }

    // ----------------------------------------------------------------------------- RDS (moto)

    @Test
    void aDbSnapshotSharedWithAnOutsideAccountIsTakenBackAndUndoSharesItAgain() {
        String instance = Emulators.uniquePrefix("orders");
        String snapshot = Emulators.uniquePrefix("orders-nightly");
        rds.createDBInstance(request -> request.dbInstanceIdentifier(instance).dbInstanceClass("db.t3.micro")
                .engine("postgres").masterUsername("backstop").masterUserPassword("not-a-secret-1").allocatedStorage(20));
        rds.createDBSnapshot(request -> request.dbInstanceIdentifier(instance).dbSnapshotIdentifier(snapshot));
        rds.modifyDBSnapshotAttribute(request -> request.dbSnapshotIdentifier(snapshot).attributeName("restore")
                .valuesToAdd(OUTSIDE, PARTNER));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), RdsHandler::new,
                "rds/modify-db-snapshot-attribute-share.json", Map.of("orders-nightly-2026-11-20", snapshot,
                        SAMPLE_ACCOUNT, account), e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(dbSnapshotRestoreBy(snapshot)).containsExactly(PARTNER);
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(dbSnapshotRestoreBy(snapshot)).containsExactly(PARTNER, OUTSIDE);
    }

    @Test
    void aClusterSnapshotMadePublicIsMadePrivateAndUndoMakesItPublicAgain() {
        String cluster = Emulators.uniquePrefix("ledger");
        String snapshot = Emulators.uniquePrefix("ledger-manual");
        rds.createDBCluster(request -> request.dbClusterIdentifier(cluster).engine("aurora-postgresql")
                .masterUsername("backstop").masterUserPassword("not-a-secret-1"));
        rds.createDBClusterSnapshot(request -> request.dbClusterIdentifier(cluster).dbClusterSnapshotIdentifier(snapshot));
        rds.modifyDBClusterSnapshotAttribute(request -> request.dbClusterSnapshotIdentifier(snapshot)
                .attributeName("restore").valuesToAdd("all"));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), RdsHandler::new,
                "rds/modify-db-cluster-snapshot-attribute-public.json", Map.of("ledger-manual-2026-11-20", snapshot,
                        SAMPLE_ACCOUNT, account), e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(clusterSnapshotRestoreBy(snapshot)).isEmpty();
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(clusterSnapshotRestoreBy(snapshot)).containsExactly("all");
    }

    // ----------------------------------------------------------------------------- reading back

    private static Set<String> snapshotSharedWith(String snapshot) {
        Set<String> shared = new TreeSet<>();
        for (CreateVolumePermission permission : ec2.describeSnapshotAttribute(request -> request.snapshotId(snapshot)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)).createVolumePermissions()) {
            shared.add(permission.userId() != null ? permission.userId() : permission.groupAsString());
        }
        return shared;
    }

    private static Set<String> imageSharedWith(String image) {
        Set<String> shared = new TreeSet<>();
        for (LaunchPermission permission : ec2.describeImageAttribute(request -> request.imageId(image)
                .attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions()) {
            shared.add(permission.userId() != null ? permission.userId() : permission.groupAsString());
        }
        return shared;
    }

    private static List<String> sids(String bucket) throws IOException {
        List<String> sids = new ArrayList<>();
        JSON.readTree(s3.getBucketPolicy(request -> request.bucket(bucket)).policy()).path("Statement")
                .forEach(statement -> sids.add(statement.path("Sid").asText()));
        return sids;
    }

    private static List<ReplicationRule> replicationRules(String bucket) {
        try {
            return s3.getBucketReplication(request -> request.bucket(bucket)).replicationConfiguration().rules();
        } catch (S3Exception none) {
            return List.of();
        }
    }

    private static Set<String> dbSnapshotRestoreBy(String snapshot) {
        Set<String> values = new TreeSet<>();
        rds.describeDBSnapshotAttributes(request -> request.dbSnapshotIdentifier(snapshot)).dbSnapshotAttributesResult()
                .dbSnapshotAttributes().forEach(attribute -> values.addAll(attribute.attributeValues()));
        return values;
    }

    private static Set<String> clusterSnapshotRestoreBy(String snapshot) {
        Set<String> values = new TreeSet<>();
        rds.describeDBClusterSnapshotAttributes(request -> request.dbClusterSnapshotIdentifier(snapshot))
                .dbClusterSnapshotAttributesResult().dbClusterSnapshotAttributes()
                .forEach(attribute -> values.addAll(attribute.attributeValues()));
        return values;
    }
}
