package dev.backstop.action.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** Users and roles as IAM reads and changes them: lookup, tags and inline policies, for either kind; roles' trust policies. */
final class Principals {

    private final IamClient iam;

    @Inject
    Principals(IamClient iam) {
        this.iam = iam;
    }

    /** The principal with its ARN, or empty when IAM no longer knows it. */
    Optional<Principal> find(Principal principal) {
        try {
            String arn = switch (principal.kind()) {
                case USER -> iam.getUser(request -> request.userName(principal.name())).user().arn();
                case ROLE -> iam.getRole(request -> request.roleName(principal.name())).role().arn();
            };
            return Optional.of(principal.withArn(arn));
        } catch (NoSuchEntityException gone) {
            return Optional.empty();
        }
    }

    Map<String, String> tags(Principal principal) {
        Stream<Tag> tags = switch (principal.kind()) {
            case USER -> iam.listUserTagsPaginator(request -> request.userName(principal.name())).tags().stream();
            case ROLE -> iam.listRoleTagsPaginator(request -> request.roleName(principal.name())).tags().stream();
        };
        return tags.collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
    }

    /** A role's ARN and trust policy (the JSON text, decoded), or empty when IAM no longer knows the role. */
    Optional<RoleTrust> trust(String roleName) {
        try {
            Role role = iam.getRole(request -> request.roleName(roleName)).role();
            return Optional.of(new RoleTrust(role.roleName(), role.arn(), decode(role.assumeRolePolicyDocument())));
        } catch (NoSuchEntityException gone) {
            return Optional.empty();
        }
    }

    /** A role as {@link #trust} reads it. */
    record RoleTrust(String name, String arn, String document) {
    }

    void updateTrust(String roleName, String document) {
        iam.updateAssumeRolePolicy(request -> request.roleName(roleName).policyDocument(document));
    }

    /** The inline policy's document as JSON text, or empty when there is none of that name. */
    Optional<String> inlinePolicy(Principal principal, String policyName) {
        try {
            String document = switch (principal.kind()) {
                case USER -> iam.getUserPolicy(request -> request.userName(principal.name()).policyName(policyName))
                        .policyDocument();
                case ROLE -> iam.getRolePolicy(request -> request.roleName(principal.name()).policyName(policyName))
                        .policyDocument();
            };
            return Optional.of(decode(document));
        } catch (NoSuchEntityException absent) {
            return Optional.empty();
        }
    }

    void putInlinePolicy(Principal principal, String policyName, String document) {
        switch (principal.kind()) {
            case USER -> iam.putUserPolicy(request -> request.userName(principal.name()).policyName(policyName)
                    .policyDocument(document));
            case ROLE -> iam.putRolePolicy(request -> request.roleName(principal.name()).policyName(policyName)
                    .policyDocument(document));
        }
    }

    /** Deletes the inline policy; one already gone is what was wanted. */
    void deleteInlinePolicy(Principal principal, String policyName) {
        try {
            switch (principal.kind()) {
                case USER -> iam.deleteUserPolicy(request -> request.userName(principal.name()).policyName(policyName));
                case ROLE -> iam.deleteRolePolicy(request -> request.roleName(principal.name()).policyName(policyName));
            }
        } catch (NoSuchEntityException alreadyGone) {
            // nothing to delete
        }
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); some emulators return the JSON as is. */
    static String decode(String document) {
        String trimmed = document.trim();
        return trimmed.startsWith("{") ? trimmed : URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
    }
}
