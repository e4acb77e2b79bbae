package dev.backstop.action.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * A bucket's access control list: its owner and grants, what makes it public, its private form,
 * and a JSON form for the audit record's undo data.
 */
record BucketAcl(Owner owner, List<Grant> grants) {

    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    private static final Set<String> PUBLIC_GROUPS = Set.of(ALL_USERS, AUTHENTICATED_USERS);
    private static final ObjectMapper JSON = new ObjectMapper();

    BucketAcl {
        grants = List.copyOf(grants);
    }

    List<Grant> publicGrants() {
        return grants.stream().filter(grant -> isGroup(grant, PUBLIC_GROUPS)).toList();
    }

    /**
     * Private, as the canned ACL {@code private} makes it (the owner has full control), keeping
     * the grants to the log delivery group so server access logging goes on working.
     */
    BucketAcl toPrivate() {
        List<Grant> kept = new ArrayList<>();
        kept.add(Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(owner.id()).build())
                .permission(Permission.FULL_CONTROL).build());
        grants.stream().filter(grant -> isGroup(grant, Set.of(LOG_DELIVERY))).forEach(kept::add);
        return new BucketAcl(owner, kept);
    }

    AccessControlPolicy asPolicy() {
        return AccessControlPolicy.builder().owner(owner).grants(grants).build();
    }

    /** The public grants as a person reads them: {@code AllUsers:READ, AuthenticatedUsers:WRITE}. */
    String describePublic() {
        return publicGrants().stream()
                .map(grant -> grant.grantee().uri().substring(grant.grantee().uri().lastIndexOf('/') + 1) + ":"
                        + grant.permissionAsString())
                .collect(Collectors.joining(", "));
    }

    String json() {
        ObjectNode acl = JSON.createObjectNode();
        acl.putObject("owner").put("id", owner.id()).put("displayName", owner.displayName());
        ArrayNode list = acl.putArray("grants");
        for (Grant grant : grants) {
            Grantee grantee = grant.grantee();
            list.addObject().put("type", grantee.typeAsString()).put("id", grantee.id()).put("uri", grantee.uri())
                    .put("email", grantee.emailAddress()).put("displayName", grantee.displayName())
                    .put("permission", grant.permissionAsString());
        }
        return acl.toString();
    }

    static BucketAcl fromJson(String json) {
        JsonNode acl;
        try {
            acl = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("undo data holds no ACL: " + e.getOriginalMessage(), e);
        }
        Owner owner = Owner.builder().id(text(acl.path("owner"), "id")).displayName(text(acl.path("owner"), "displayName"))
                .build();
        List<Grant> grants = new ArrayList<>();
        for (JsonNode grant : acl.path("grants")) {
            grants.add(Grant.builder().permission(text(grant, "permission")).grantee(Grantee.builder()
                    .type(text(grant, "type")).id(text(grant, "id")).uri(text(grant, "uri"))
                    .emailAddress(text(grant, "email")).displayName(text(grant, "displayName")).build()).build());
        }
        return new BucketAcl(owner, grants);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isGroup(Grant grant, Set<String> uris) {
        Grantee grantee = grant.grantee();
        return grantee != null && grantee.type() == Type.GROUP && grantee.uri() != null && uris.contains(grantee.uri());
    }
}
