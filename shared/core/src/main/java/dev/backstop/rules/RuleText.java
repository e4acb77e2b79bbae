package dev.backstop.rules;

import java.util.Objects;

/** The text of one rule file and the name errors should call it by (a path, an S3 URI). */
public record RuleText(String name, String content) {

    public RuleText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
