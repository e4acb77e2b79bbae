package dev.backstop.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The rule pack that ships with Backstop ({@code rules/default.yaml} in the repository). */
public final class DefaultPack {

    /** What errors call the shipped pack: its path in the repository. */
    public static final String NAME = "rules/default.yaml";

    // Read once: the same text each time, so the prebuilt reading's check is a comparison of one string with itself.
    private static volatile RuleText shipped;

    private DefaultPack() {
    }

    public static RuleText text() {
        RuleText text = shipped;
        if (text == null) {
            text = read();
            shipped = text;
        }
        return text;
    }

    private static RuleText read() {
        try (InputStream in = DefaultPack.class.getResourceAsStream("default.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the default rule pack is missing from the classpath");
            }
            return new RuleText(NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default rule pack", e);
        }
    }
}
