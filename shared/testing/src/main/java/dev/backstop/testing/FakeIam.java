package dev.backstop.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.User;

/**
 * IAM at the SDK edge: users with access keys, login profiles, MFA devices, tags, inline and attached
 * policies, roles with tags, inline and attached policies, and groups with attached policies.
 * Policy documents come back URL-encoded, as IAM sends them.
 */
public final class FakeIam implements IamClient {

    private static final String ACCOUNT = "123456789012";
    private static final Instant CREATED = Instant.parse("2026-01-05T08:00:00Z");

    private final class Principal {
        final String arn;
        final Map<String, String> tags = new LinkedHashMap<>();
        final Map<String, String> policies = new HashMap<>();
        final Map<String, StatusType> keys = new LinkedHashMap<>();
        final Map<String, Instant> keysCreated = new HashMap<>();
        final List<String> attached = new ArrayList<>();
        final List<String> mfaDevices = new ArrayList<>();
        LoginProfile loginProfile;
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

        Principal(String arn) {
            this.arn = arn;
        }
    }

    private final Map<String, Principal> users = new HashMap<>();
    private final Map<String, Principal> roles = new HashMap<>();
    private final Map<String, Principal> groups = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private Supplier<RuntimeException> putPolicyFault;
    private boolean ignoreUpdates;

    public FakeIam user(String name) {
        users.put(name, new Principal("arn:aws:iam::" + ACCOUNT + ":user/" + name));
        return this;
    }

    public FakeIam role(String name) {
        roles.put(name, new Principal("arn:aws:iam::" + ACCOUNT + ":role/" + name));
        return this;
    }

    /** A key of the user, created at the start of 2026 (long before the samples' calls). */
    public FakeIam accessKey(String userName, String keyId, StatusType status) {
        return accessKey(userName, keyId, status, CREATED);
    }

    public FakeIam accessKey(String userName, String keyId, StatusType status, Instant created) {
        user(userName, p -> {
            p.keys.put(keyId, status);
            p.keysCreated.put(keyId, created);
        });
        return this;
    }

    /** A managed policy attached to the user, role or group ({@code kind} user, role or group). */
    public FakeIam attached(String kind, String name, String policyArn) {
        Map<String, Principal> principals = switch (kind) {
            case "user" -> users;
            case "role" -> roles;
            default -> groups;
        };
        principals.computeIfAbsent(name, n -> new Principal("arn:aws:iam::" + ACCOUNT + ":" + kind + "/" + n))
                .attached.add(policyArn);
        return this;
    }

    public FakeIam group(String name) {
        groups.put(name, new Principal("arn:aws:iam::" + ACCOUNT + ":group/" + name));
        return this;
    }

    public FakeIam mfaDevice(String userName, String serialNumber) {
        user(userName, p -> p.mfaDevices.add(serialNumber));
        return this;
    }

    public FakeIam loginProfile(String userName, boolean passwordResetRequired) {
        user(userName, p -> p.loginProfile = LoginProfile.builder().userName(userName).createDate(CREATED)
                .passwordResetRequired(passwordResetRequired).build());
        return this;
    }

    public FakeIam userPolicy(String userName, String policyName, String document) {
        user(userName, p -> p.policies.put(policyName, document));
        return this;
    }

    public FakeIam rolePolicy(String roleName, String policyName, String document) {
        find(roles, roleName, "role").policies.put(policyName, document);
        return this;
    }

    /** The role's trust policy, as UpdateAssumeRolePolicy would set it. */
    public FakeIam trust(String roleName, String document) {
        find(roles, roleName, "role").trust = document;
        return this;
    }

    public String trust(String roleName) {
        return find(roles, roleName, "role").trust;
    }

    public FakeIam userTag(String userName, String key, String value) {
        user(userName, p -> p.tags.put(key, value));
        return this;
    }

    public FakeIam roleTag(String roleName, String key, String value) {
        find(roles, roleName, "role").tags.put(key, value);
        return this;
    }

    /** Put*Policy throws this once instead of acting. */
    public FakeIam failPutPolicyWith(Supplier<RuntimeException> fault) {
        this.putPolicyFault = fault;
        return this;
    }

    /** Mutating calls return success but change nothing, as a change that does not stick. */
    public FakeIam ignoreUpdates() {
        this.ignoreUpdates = true;
        return this;
    }

    public StatusType keyStatus(String userName, String keyId) {
        return find(users, userName, "user").keys.get(keyId);
    }

    public String userPolicy(String userName, String policyName) {
        return find(users, userName, "user").policies.get(policyName);
    }

    public String rolePolicy(String roleName, String policyName) {
        return find(roles, roleName, "role").policies.get(policyName);
    }

    public boolean hasLoginProfile(String userName) {
        return find(users, userName, "user").loginProfile != null;
    }

    /** The mutating calls made, in order, as {@code Operation target}. */
    public List<String> calls() {
        return calls;
    }

    @Override
    public GetUserResponse getUser(GetUserRequest request) {
        Principal user = find(users, request.userName(), "user");
        return GetUserResponse.builder().user(User.builder().userName(request.userName()).arn(user.arn)
                .path("/").userId("AIDA" + request.userName().toUpperCase()).createDate(CREATED).build()).build();
    }

    @Override
    public GetRoleResponse getRole(GetRoleRequest request) {
        Principal role = find(roles, request.roleName(), "role");
        // URL-encoded, as IAM returns policy documents
        return GetRoleResponse.builder().role(Role.builder().roleName(request.roleName()).arn(role.arn)
                .path("/").roleId("AROA" + request.roleName().toUpperCase()).createDate(CREATED)
                .assumeRolePolicyDocument(URLEncoder.encode(role.trust, StandardCharsets.UTF_8)).build()).build();
    }

    @Override
    public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest request) {
        Principal role = find(roles, request.roleName(), "role");
        calls.add("UpdateAssumeRolePolicy " + request.roleName());
        if (!ignoreUpdates) {
            role.trust = request.policyDocument();
        }
        return UpdateAssumeRolePolicyResponse.builder().build();
    }

    @Override
    public ListUserTagsResponse listUserTags(ListUserTagsRequest request) {
        return ListUserTagsResponse.builder().tags(tags(find(users, request.userName(), "user"))).isTruncated(false).build();
    }

    @Override
    public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest request) {
        return ListRoleTagsResponse.builder().tags(tags(find(roles, request.roleName(), "role"))).isTruncated(false).build();
    }

    @Override
    public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest request) {
        String document = policy(find(users, request.userName(), "user"), request.policyName(), "user");
        return GetUserPolicyResponse.builder().userName(request.userName()).policyName(request.policyName())
                .policyDocument(URLEncoder.encode(document, StandardCharsets.UTF_8)).build();
    }

    @Override
    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest request) {
        String document = policy(find(roles, request.roleName(), "role"), request.policyName(), "role");
        return GetRolePolicyResponse.builder().roleName(request.roleName()).policyName(request.policyName())
                .policyDocument(URLEncoder.encode(document, StandardCharsets.UTF_8)).build();
    }

    @Override
    public PutUserPolicyResponse putUserPolicy(PutUserPolicyRequest request) {
        calls.add("PutUserPolicy " + request.userName());
        put(find(users, request.userName(), "user"), request.policyName(), request.policyDocument());
        return PutUserPolicyResponse.builder().build();
    }

    @Override
    public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest request) {
        calls.add("PutRolePolicy " + request.roleName());
        put(find(roles, request.roleName(), "role"), request.policyName(), request.policyDocument());
        return PutRolePolicyResponse.builder().build();
    }

    @Override
    public DeleteUserPolicyResponse deleteUserPolicy(DeleteUserPolicyRequest request) {
        calls.add("DeleteUserPolicy " + request.userName());
        Principal user = find(users, request.userName(), "user");
        policy(user, request.policyName(), "user");
        if (!ignoreUpdates) {
            user.policies.remove(request.policyName());
        }
        return DeleteUserPolicyResponse.builder().build();
    }

    @Override
    public DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest request) {
        calls.add("DeleteRolePolicy " + request.roleName());
        Principal role = find(roles, request.roleName(), "role");
        policy(role, request.policyName(), "role");
        if (!ignoreUpdates) {
            role.policies.remove(request.policyName());
        }
        return DeleteRolePolicyResponse.builder().build();
    }

    @Override
    public GetLoginProfileResponse getLoginProfile(GetLoginProfileRequest request) {
        Principal user = find(users, request.userName(), "user");
        if (user.loginProfile == null) {
            throw noSuchEntity("Login Profile for User " + request.userName() + " cannot be found.");
        }
        return GetLoginProfileResponse.builder().loginProfile(user.loginProfile).build();
    }

    @Override
    public DeleteLoginProfileResponse deleteLoginProfile(DeleteLoginProfileRequest request) {
        calls.add("DeleteLoginProfile " + request.userName());
        Principal user = find(users, request.userName(), "user");
        if (user.loginProfile == null) {
            throw noSuchEntity("Login Profile for User " + request.userName() + " cannot be found.");
        }
        if (!ignoreUpdates) {
            user.loginProfile = null;
        }
        return DeleteLoginProfileResponse.builder().build();
    }

    @Override
    public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest request) {
        Principal user = find(users, request.userName(), "user");
        return ListAccessKeysResponse.builder().isTruncated(false).accessKeyMetadata(user.keys.entrySet().stream()
                .map(key -> AccessKeyMetadata.builder().userName(request.userName()).accessKeyId(key.getKey())
                        .status(key.getValue()).createDate(user.keysCreated.getOrDefault(key.getKey(), CREATED)).build())
                .toList()).build();
    }

    /** The key's owner; an unknown key is refused as IAM refuses it, with AccessDenied. */
    @Override
    public GetAccessKeyLastUsedResponse getAccessKeyLastUsed(GetAccessKeyLastUsedRequest request) {
        return users.entrySet().stream().filter(user -> user.getValue().keys.containsKey(request.accessKeyId()))
                .findFirst().map(user -> GetAccessKeyLastUsedResponse.builder().userName(user.getKey()).build())
                .orElseThrow(() -> (IamException) IamException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails
                        .builder().errorCode("AccessDenied").errorMessage("not authorized to perform"
                                + " iam:GetAccessKeyLastUsed on resource: access key " + request.accessKeyId()).build())
                        .build());
    }

    @Override
    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest request) {
        return ListAttachedUserPoliciesResponse.builder().isTruncated(false)
                .attachedPolicies(attachedPolicies(find(users, request.userName(), "user"))).build();
    }

    @Override
    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest request) {
        return ListAttachedRolePoliciesResponse.builder().isTruncated(false)
                .attachedPolicies(attachedPolicies(find(roles, request.roleName(), "role"))).build();
    }

    @Override
    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest request) {
        return ListAttachedGroupPoliciesResponse.builder().isTruncated(false)
                .attachedPolicies(attachedPolicies(find(groups, request.groupName(), "group"))).build();
    }

    @Override
    public ListMfaDevicesResponse listMFADevices(ListMfaDevicesRequest request) {
        return ListMfaDevicesResponse.builder().isTruncated(false).mfaDevices(find(users, request.userName(), "user")
                .mfaDevices.stream().map(serial -> MFADevice.builder().userName(request.userName())
                        .serialNumber(serial).enableDate(CREATED).build()).toList()).build();
    }

    private static List<AttachedPolicy> attachedPolicies(Principal principal) {
        return principal.attached.stream().map(arn -> AttachedPolicy.builder().policyArn(arn)
                .policyName(arn.substring(arn.lastIndexOf('/') + 1)).build()).toList();
    }

    @Override
    public UpdateAccessKeyResponse updateAccessKey(UpdateAccessKeyRequest request) {
        calls.add("UpdateAccessKey " + request.accessKeyId() + " " + request.statusAsString());
        Principal user = find(users, request.userName(), "user");
        if (!user.keys.containsKey(request.accessKeyId())) {
            throw noSuchEntity("The Access Key with id " + request.accessKeyId() + " cannot be found.");
        }
        if (!ignoreUpdates) {
            user.keys.put(request.accessKeyId(), request.status());
        }
        return UpdateAccessKeyResponse.builder().build();
    }

    private void put(Principal principal, String policyName, String document) {
        if (putPolicyFault != null) {
            RuntimeException fault = putPolicyFault.get();
            putPolicyFault = null;
            throw fault;
        }
        if (!ignoreUpdates) {
            principal.policies.put(policyName, document);
        }
    }

    private void user(String name, java.util.function.Consumer<Principal> change) {
        users.computeIfAbsent(name, n -> new Principal("arn:aws:iam::" + ACCOUNT + ":user/" + n));
        change.accept(users.get(name));
    }

    private static List<Tag> tags(Principal principal) {
        return principal.tags.entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }

    private static String policy(Principal principal, String policyName, String kind) {
        String document = principal.policies.get(policyName);
        if (document == null) {
            throw noSuchEntity("The " + kind + " policy with name " + policyName + " cannot be found.");
        }
        return document;
    }

    private static Principal find(Map<String, Principal> principals, String name, String kind) {
        Principal principal = principals.get(name);
        if (principal == null) {
            throw noSuchEntity("The " + kind + " with name " + name + " cannot be found.");
        }
        return principal;
    }

    private static NoSuchEntityException noSuchEntity(String message) {
        return (NoSuchEntityException) NoSuchEntityException.builder().message(message).statusCode(404).build();
    }

    @Override
    public String serviceName() {
        return "iam";
    }

    @Override
    public void close() {
    }
}
