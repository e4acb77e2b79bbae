package dev.backstop.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.DeletePublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.DeletePublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.PutBucketAclRequest;
import software.amazon.awssdk.services.s3.model.PutBucketAclResponse;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.PutBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.PutBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Buckets at the S3 SDK edge: policy, Block Public Access, ACL, replication and tags, with S3's error codes for
 * what is missing. Each call is logged by operation name, so a test can check a plan only read.
 */
public final class FakeS3 implements S3Client {

    /** The canonical id the fake's buckets are owned by. */
    public static final String OWNER_ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    private static final class Bucket {
        String policy;
        PublicAccessBlockConfiguration block;
        Owner owner = Owner.builder().id(OWNER_ID).displayName("acme").build();
        List<Grant> grants = new ArrayList<>(List.of(grant(Grantee.builder().type(Type.CANONICAL_USER).id(OWNER_ID)
                .build(), Permission.FULL_CONTROL)));
        Map<String, String> tags = new HashMap<>();
        ReplicationConfiguration replication;
    }

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private boolean ignoreWrites;

    /** A bucket as S3 creates one today: no policy, Block Public Access all on, a private ACL. */
    public FakeS3 bucket(String name) {
        Bucket bucket = new Bucket();
        bucket.block = PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                .blockPublicPolicy(true).restrictPublicBuckets(true).build();
        buckets.put(name, bucket);
        return this;
    }

    public FakeS3 policy(String bucket, String policy) {
        find(bucket).policy = policy;
        return this;
    }

    public FakeS3 block(String bucket, PublicAccessBlockConfiguration block) {
        find(bucket).block = block;
        return this;
    }

    public FakeS3 grants(String bucket, Grant... grants) {
        find(bucket).grants = new ArrayList<>(List.of(grants));
        return this;
    }

    public FakeS3 tag(String bucket, String key, String value) {
        find(bucket).tags.put(key, value);
        return this;
    }

    public FakeS3 replication(String bucket, ReplicationConfiguration replication) {
        find(bucket).replication = replication;
        return this;
    }

    public ReplicationConfiguration replication(String bucket) {
        return find(bucket).replication;
    }

    /** Every put and delete returns success and changes nothing, as a racing or broken API would. */
    public FakeS3 ignoreWrites() {
        ignoreWrites = true;
        return this;
    }

    public String policy(String bucket) {
        return find(bucket).policy;
    }

    public PublicAccessBlockConfiguration block(String bucket) {
        return find(bucket).block;
    }

    public List<Grant> grants(String bucket) {
        return List.copyOf(find(bucket).grants);
    }

    /** The operations called, in order: {@code GetBucketPolicy}, {@code PutBucketPolicy}, ... */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public static Grant grant(Grantee grantee, Permission permission) {
        return Grant.builder().grantee(grantee).permission(permission).build();
    }

    public static Grant groupGrant(String uri, Permission permission) {
        return grant(Grantee.builder().type(Type.GROUP).uri(uri).build(), permission);
    }

    @Override
    public GetBucketPolicyResponse getBucketPolicy(GetBucketPolicyRequest request) {
        Bucket bucket = called("GetBucketPolicy", request.bucket());
        if (bucket.policy == null) {
            throw missing("NoSuchBucketPolicy", "The bucket policy does not exist");
        }
        return GetBucketPolicyResponse.builder().policy(bucket.policy).build();
    }

    @Override
    public PutBucketPolicyResponse putBucketPolicy(PutBucketPolicyRequest request) {
        Bucket bucket = called("PutBucketPolicy", request.bucket());
        if (!ignoreWrites) {
            bucket.policy = request.policy();
        }
        return PutBucketPolicyResponse.builder().build();
    }

    @Override
    public DeleteBucketPolicyResponse deleteBucketPolicy(DeleteBucketPolicyRequest request) {
        Bucket bucket = called("DeleteBucketPolicy", request.bucket());
        if (!ignoreWrites) {
            bucket.policy = null;
        }
        return DeleteBucketPolicyResponse.builder().build();
    }

    @Override
    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
        Bucket bucket = called("GetPublicAccessBlock", request.bucket());
        if (bucket.block == null) {
            throw missing("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
        }
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(bucket.block).build();
    }

    @Override
    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        Bucket bucket = called("PutPublicAccessBlock", request.bucket());
        if (!ignoreWrites) {
            bucket.block = request.publicAccessBlockConfiguration();
        }
        return PutPublicAccessBlockResponse.builder().build();
    }

    @Override
    public DeletePublicAccessBlockResponse deletePublicAccessBlock(DeletePublicAccessBlockRequest request) {
        Bucket bucket = called("DeletePublicAccessBlock", request.bucket());
        if (!ignoreWrites) {
            bucket.block = null;
        }
        return DeletePublicAccessBlockResponse.builder().build();
    }

    @Override
    public GetBucketAclResponse getBucketAcl(GetBucketAclRequest request) {
        Bucket bucket = called("GetBucketAcl", request.bucket());
        return GetBucketAclResponse.builder().owner(bucket.owner).grants(bucket.grants).build();
    }

    @Override
    public PutBucketAclResponse putBucketAcl(PutBucketAclRequest request) {
        Bucket bucket = called("PutBucketAcl", request.bucket());
        AccessControlPolicy acl = request.accessControlPolicy();
        if (acl == null) {
            throw new UnsupportedOperationException("the fake takes an AccessControlPolicy body only");
        }
        if (!ignoreWrites) {
            bucket.grants = new ArrayList<>(acl.grants());
        }
        return PutBucketAclResponse.builder().build();
    }

    @Override
    public GetBucketTaggingResponse getBucketTagging(GetBucketTaggingRequest request) {
        Bucket bucket = called("GetBucketTagging", request.bucket());
        if (bucket.tags.isEmpty()) {
            throw missing("NoSuchTagSet", "The TagSet does not exist");
        }
        return GetBucketTaggingResponse.builder().tagSet(bucket.tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()).build();
    }

    @Override
    public GetBucketReplicationResponse getBucketReplication(GetBucketReplicationRequest request) {
        Bucket bucket = called("GetBucketReplication", request.bucket());
        if (bucket.replication == null) {
            throw missing("ReplicationConfigurationNotFoundError", "The replication configuration was not found");
        }
        return GetBucketReplicationResponse.builder().replicationConfiguration(bucket.replication).build();
    }

    @Override
    public PutBucketReplicationResponse putBucketReplication(PutBucketReplicationRequest request) {
        Bucket bucket = called("PutBucketReplication", request.bucket());
        if (!ignoreWrites) {
            bucket.replication = request.replicationConfiguration();
        }
        return PutBucketReplicationResponse.builder().build();
    }

    @Override
    public DeleteBucketReplicationResponse deleteBucketReplication(DeleteBucketReplicationRequest request) {
        Bucket bucket = called("DeleteBucketReplication", request.bucket());
        if (!ignoreWrites) {
            bucket.replication = null;
        }
        return DeleteBucketReplicationResponse.builder().build();
    }

    /** Every bucket of the fake, in one page: the account's own buckets. */
    @Override
    public ListBucketsResponse listBuckets(ListBucketsRequest request) {
        calls.add("ListBuckets");
        return ListBucketsResponse.builder().buckets(buckets.keySet().stream().sorted()
                .map(name -> software.amazon.awssdk.services.s3.model.Bucket.builder().name(name).build()).toList())
                .build();
    }

    private Bucket called(String operation, String bucket) {
        calls.add(operation);
        Bucket found = buckets.get(bucket);
        if (found == null) {
            throw NoSuchBucketException.builder().statusCode(404).message("The specified bucket does not exist")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket")
                            .errorMessage("The specified bucket does not exist").serviceName("S3").build())
                    .build();
        }
        return found;
    }

    private Bucket find(String bucket) {
        Bucket found = buckets.get(bucket);
        if (found == null) {
            throw new IllegalArgumentException("no bucket " + bucket + " in the fake");
        }
        return found;
    }

    private static S3Exception missing(String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(404).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3").build())
                .build();
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
