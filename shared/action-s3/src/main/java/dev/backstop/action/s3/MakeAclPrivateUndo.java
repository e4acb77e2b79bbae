package dev.backstop.action.s3;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Owner;

/** The bucket's ACL before the change, owner and grants, which undo puts back. Version 1 held it as JSON text. */
record MakeAclPrivateUndo(String bucket, AclOwner owner, List<AclGrant> grants) implements UndoData {

    static final UndoFormat<MakeAclPrivateUndo> FORMAT = UndoFormat.of(MakeAclPrivateUndo.class,
            version1 -> version1.get("acl") == null ? new MakeAclPrivateUndo(version1.get("bucket"), null, null)
                    : of(version1.get("bucket"), BucketAcl.fromJson(version1.get("acl"))));

    /** The ACL's owner as S3 names it. */
    record AclOwner(String id, String displayName) {
    }

    /** One grant: its grantee (by type: an id, a group URI or an email address) and its permission. */
    record AclGrant(String type, String id, String uri, String email, String displayName, String permission) {
    }

    MakeAclPrivateUndo {
        UndoData.require(bucket, "bucket");
        if (owner == null || grants == null) {
            throw new IllegalArgumentException("the undo data holds no ACL");
        }
        grants = List.copyOf(grants);
    }

    static MakeAclPrivateUndo of(String bucket, BucketAcl acl) {
        return new MakeAclPrivateUndo(bucket, new AclOwner(acl.owner().id(), acl.owner().displayName()),
                acl.grants().stream().map(grant -> new AclGrant(grant.grantee().typeAsString(), grant.grantee().id(),
                        grant.grantee().uri(), grant.grantee().emailAddress(), grant.grantee().displayName(),
                        grant.permissionAsString())).toList());
    }

    @Override
    public String call() {
        return "PutBucketAcl";
    }

    /** The ACL as S3 takes it back. */
    BucketAcl acl() {
        return new BucketAcl(Owner.builder().id(owner.id()).displayName(owner.displayName()).build(),
                grants.stream().map(grant -> Grant.builder().permission(grant.permission()).grantee(Grantee.builder()
                        .type(grant.type()).id(grant.id()).uri(grant.uri()).emailAddress(grant.email())
                        .displayName(grant.displayName()).build()).build()).toList());
    }
}
