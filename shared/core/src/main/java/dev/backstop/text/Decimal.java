package dev.backstop.text;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Whole numbers as AWS and people write them in text: ASCII digits only, whatever the locale.
 * {@link Long#parseLong} also reads the digits of other scripts ({@code "٤٤٣"} is 443 to it), which
 * no AWS API accepts, and throws on a number too long for a long.
 */
public final class Decimal {

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

    private Decimal() {
    }

    /** The number the text spells in ASCII decimal digits (an optional minus, at most 18 digits), or empty. */
    public static OptionalLong whole(String text) {
        return text != null && WHOLE.matcher(text).matches() ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }
}
