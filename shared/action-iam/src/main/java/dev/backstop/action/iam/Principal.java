package dev.backstop.action.iam;

import java.util.Objects;

/**
 * An IAM user or role: the name its APIs take and, once looked up, its full ARN (path included).
 *
 * @param arn the ARN read from IAM, or null while only the name is known
 */
record Principal(Kind kind, String name, String arn) {

    enum Kind {
        USER("user"), ROLE("role");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    Principal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    static Principal user(String name) {
        return new Principal(Kind.USER, name, null);
    }

    static Principal role(String name) {
        return new Principal(Kind.ROLE, name, null);
    }

    Principal withArn(String foundArn) {
        return new Principal(kind, name, foundArn);
    }

    /** {@code user/alice}: how audit records and undo data name it when the ARN is unknown. */
    String path() {
        return kind.word() + "/" + name;
    }
}
