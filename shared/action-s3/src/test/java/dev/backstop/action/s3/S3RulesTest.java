package dev.backstop.action.s3;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.TestRules;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped S3 rules against the samples in events/s3 and the shapes real events vary in. Other
 * families' rules may match these events too (a call signed with a long-term key, for the IAM
 * rules); which function sees them is the template's routing, checked elsewhere.
 */
class S3RulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleBook SHIPPED = TestRules.defaultPack();
    private static final String OUTSIDE = "s3-bucket-policy-outside-account";
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    static Stream<Arguments> cases() {
        return Stream.of(
                // PutBucketPolicy
                // every Allow reaches the outside-account rule, whose action judges the accounts (rules match in id order)
                of("a policy with a statement for everyone", "put-bucket-policy.json", e -> { },
                        OUTSIDE, "s3-bucket-policy-public"),
                of("a policy without one", "put-bucket-policy.json", e -> statements(e).remove(2), OUTSIDE),
                of("a policy granting another account", "put-bucket-policy-outside-account.json", e -> { }, OUTSIDE),
                of("Principal {\"AWS\": [\"*\"]} in a single statement object", "put-bucket-policy.json",
                        e -> policy(e).set("Statement", json("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::"
                                + "123456789012:root\",\"*\"]},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}")),
                        OUTSIDE, "s3-bucket-policy-public"),
                of("an Allow with NotPrincipal", "put-bucket-policy.json",
                        e -> {
                            ObjectNode statement = (ObjectNode) statements(e).get(2);
                            statement.remove("Principal");
                            statement.putObject("NotPrincipal").put("AWS", "arn:aws:iam::123456789012:role/Blocked");
                        },
                        OUTSIDE, "s3-bucket-policy-public"),
                of("a Deny for everyone only", "put-bucket-policy.json", e -> {
                    statements(e).remove(2);
                    statements(e).remove(1);
                }),
                of("the policy sent as a JSON string", "put-bucket-policy.json",
                        e -> request(e).put("bucketPolicy", policy(e).toString()), OUTSIDE, "s3-bucket-policy-public"),
                of("a failed PutBucketPolicy", "put-bucket-policy.json",
                        e -> detail(e).put("errorCode", "AccessDenied")),
                // PutBucketReplication: its action judges the destinations
                of("replication to another account", "put-bucket-replication-outside.json", e -> { },
                        "s3-bucket-replication-outside"),
                of("a failed PutBucketReplication", "put-bucket-replication-outside.json",
                        e -> detail(e).put("errorCode", "AccessDenied")),
                // DeleteBucketPolicy
                of("a deleted policy", "delete-bucket-policy.json", e -> { }, "s3-bucket-policy-deleted"),
                of("a deleted policy, request parameters null", "delete-bucket-policy.json",
                        e -> detail(e).putNull("requestParameters"), "s3-bucket-policy-deleted"),
                // Block Public Access
                of("BlockPublicPolicy turned off", "put-bucket-public-access-block.json", e -> { },
                        "s3-public-access-block-off"),
                of("all four settings on", "put-bucket-public-access-block.json",
                        e -> blockConfig(e).put("BlockPublicPolicy", true)),
                of("a setting left out, which S3 turns off", "put-bucket-public-access-block.json",
                        e -> blockConfig(e).put("BlockPublicPolicy", true).remove("RestrictPublicBuckets"),
                        "s3-public-access-block-off"),
                of("a setting off, written as a string", "put-bucket-public-access-block.json",
                        e -> blockConfig(e).put("BlockPublicPolicy", "false"), "s3-public-access-block-off"),
                of("a deleted bucket configuration", "delete-bucket-public-access-block.json", e -> { },
                        "s3-public-access-block-off"),
                of("the account's settings turned off", "put-account-public-access-block.json", e -> { },
                        "s3-public-access-block-off"),
                of("the account's configuration deleted", "put-account-public-access-block.json", e -> {
                    detail(e).put("eventName", "DeleteAccountPublicAccessBlock");
                    request(e).remove("PublicAccessBlockConfiguration");
                }, "s3-public-access-block-off"),
                // PutBucketAcl
                of("an ACL body granting AllUsers", "put-bucket-acl.json", e -> { }, "s3-bucket-acl-public"),
                of("an ACL body granting AuthenticatedUsers, one grant written as an object",
                        "put-bucket-acl.json", e -> ((ObjectNode) request(e).at("/AccessControlPolicy/AccessControlList"))
                                .set("Grant", json("{\"Grantee\":{\"xsi:type\":\"Group\",\"URI\":"
                                        + "\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\"},"
                                        + "\"Permission\":\"WRITE\"}")),
                        "s3-bucket-acl-public"),
                of("an ACL body for the owner and log delivery", "put-bucket-acl.json",
                        e -> ((ArrayNode) request(e)
                                .at("/AccessControlPolicy/AccessControlList/Grant")).remove(2)),
                of("the canned ACL public-read", "put-bucket-acl.json", e -> cannedAcl(e, "public-read"),
                        "s3-bucket-acl-public"),
                of("the canned ACL authenticated-read as a plain string", "put-bucket-acl.json", e -> {
                    cannedAcl(e, "x");
                    request(e).put("x-amz-acl", "authenticated-read");
                }, "s3-bucket-acl-public"),
                of("the canned ACL private", "put-bucket-acl.json", e -> cannedAcl(e, "private")),
                of("a grant header for AllUsers", "put-bucket-acl.json", e -> {
                    request(e).remove("AccessControlPolicy");
                    request(e).putArray("x-amz-grant-read").add("uri=" + ALL_USERS);
                }, "s3-bucket-acl-public"),
                of("a grant header for an account", "put-bucket-acl.json", e -> {
                    request(e).remove("AccessControlPolicy");
                    request(e).putArray("x-amz-grant-read").add("id=79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
                }),
                // PutBucketTagging
                of("backstop:exempt among the tags", "put-bucket-tagging-backstop-exempt.json", e -> { },
                        "s3-bucket-backstop-tag-written"),
                of("one backstop tag, sent as a single Tag object", "put-bucket-tagging-team.json",
                        e -> tagSet(e).putObject("Tag").put("Key", "backstop:public-url").put("Value", "true"),
                        "s3-bucket-backstop-tag-written"),
                of("the team's own tags only", "put-bucket-tagging-team.json", e -> { }),
                of("a tag that only mentions backstop", "put-bucket-tagging-team.json",
                        e -> tagSet(e).putObject("Tag").put("Key", "owner").put("Value", "backstop:exempt")),
                of("a failed PutBucketTagging", "put-bucket-tagging-backstop-exempt.json",
                        e -> detail(e).put("errorCode", "AccessDenied")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesExactlyTheS3RulesForTheEvent(String name, String sample, Consumer<ObjectNode> edit, List<String> rules) {
        ObjectNode event = read("s3/" + sample);
        edit.accept(event);

        assertThat(SHIPPED.match(event.toString())).extracting(Rule::id).filteredOn(id -> id.startsWith("s3-"))
                .containsExactlyElementsOf(rules);
    }

    private static Arguments of(String name, String sample, Consumer<ObjectNode> edit, String... rules) {
        return Arguments.of(name, sample, edit, List.of(rules));
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    private static ObjectNode policy(ObjectNode event) {
        return (ObjectNode) request(event).get("bucketPolicy");
    }

    private static ArrayNode statements(ObjectNode event) {
        return (ArrayNode) policy(event).get("Statement");
    }

    private static ObjectNode blockConfig(ObjectNode event) {
        return (ObjectNode) request(event).get("PublicAccessBlockConfiguration");
    }

    private static ObjectNode tagSet(ObjectNode event) {
        return (ObjectNode) request(event).get("Tagging").get("TagSet");
    }

    private static void cannedAcl(ObjectNode event, String acl) {
        request(event).remove("AccessControlPolicy");
        request(event).putArray("x-amz-acl").add(acl);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
