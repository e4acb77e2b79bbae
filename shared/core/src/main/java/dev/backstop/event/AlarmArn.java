package dev.backstop.event;

import dev.backstop.text.Shown;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alarm's ARN and what it names. SNS notifications give the region as a display name ("US East
 * (N. Virginia)"), so the region code comes from here.
 */
record AlarmArn(String arn, String region, String account, String name) {

    // The name is the rest, colons and spaces included.
    private static final Pattern SHAPE = Pattern.compile("arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):(\\d{12}):alarm:(.+)");

    static AlarmArn parse(String text, String path) {
        if (text == null || text.isBlank()) {
            throw new MalformedEventException(path, "is missing");
        }
        if (text.length() > JsonFields.MAX_ARN) {
            throw new MalformedEventException(path, Shown.count(text.length()) + " characters, longer than any ARN (at most "
                    + Shown.count(JsonFields.MAX_ARN) + "): " + Shown.quoted(text));
        }
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            throw new MalformedEventException(path, "not a CloudWatch alarm ARN: " + Shown.quoted(text));
        }
        return new AlarmArn(text, matcher.group(1), matcher.group(2), matcher.group(3));
    }

    /**
     * The payload's account, when the ARN names the same one. An alarm of one account delivered in
     * the name of another is rejected, so it can never move a resource of the account it claims.
     */
    String sameAccount(String payloadAccount, String path) {
        if (!account.equals(payloadAccount)) {
            throw new MalformedEventException(path, "the alarm's ARN names account " + account + " but " + path
                    + " says " + payloadAccount + ": one alarm belongs to one account");
        }
        return payloadAccount;
    }
}
