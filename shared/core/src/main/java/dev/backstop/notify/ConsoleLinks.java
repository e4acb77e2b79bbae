package dev.backstop.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The AWS console page of a resource, from its ARN (or the ids the actions record: {@code sg-},
 * {@code i-}); else the CloudTrail event history entry of the event that started the decision.
 * The link opens in whatever account the reader is signed in to: the notice names the account.
 *
 * <pre>{@code
 * ConsoleLinks.of("arn:aws:s3:::logs", "eu-west-1", "ev-1")   // https://s3.console.aws.amazon.com/s3/buckets/logs?region=eu-west-1
 * }</pre>
 */
public final class ConsoleLinks {

    // Only a real region name goes into a host name: a forged one must not point a link elsewhere.
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private ConsoleLinks() {
    }

    public static String of(String resource, String region, String eventId) {
        String at = region == null || !REGION.matcher(region).matches() ? "us-east-1" : region;
        String link = resource == null ? null : forResource(resource, at);
        return link != null ? link : eventHistory(at, eventId);
    }

    private static String forResource(String resource, String region) {
        if (resource.startsWith("sg-")) {
            return regional(region, "ec2/home", "SecurityGroup:groupId=" + resource);
        }
        if (resource.startsWith("i-")) {
            return regional(region, "ec2/home", "InstanceDetails:instanceId=" + resource);
        }
        String[] arn = resource.split(":", 6);
        if (arn.length < 6 || !arn[0].equals("arn")) {
            return null;
        }
        String service = arn[2];
        String arnRegion = REGION.matcher(arn[3]).matches() ? arn[3] : region;
        String rest = arn[5];
        return switch (service) {
            case "s3" -> rest.contains("/") ? null
                    : "https://s3.console.aws.amazon.com/s3/buckets/" + encode(rest) + "?region=" + arnRegion;
            case "ec2" -> rest.startsWith("security-group/")
                    ? regional(arnRegion, "ec2/home", "SecurityGroup:groupId=" + after(rest, "/"))
                    : rest.startsWith("instance/") ? regional(arnRegion, "ec2/home", "InstanceDetails:instanceId=" + after(rest, "/"))
                    : null;
            case "iam" -> iam(rest);
            case "lambda" -> rest.startsWith("function:")
                    ? regional(arnRegion, "lambda/home", "/functions/" + encode(rest.split(":")[1])) : null;
            case "cloudtrail" -> rest.startsWith("trail/")
                    ? regional(arnRegion, "cloudtrailv2/home", "/trails/" + encode(resource)) : null;
            case "cloudwatch" -> rest.startsWith("alarm:")
                    ? regional(arnRegion, "cloudwatch/home", "alarmsV2:alarm/" + encode(after(rest, ":"))) : null;
            default -> null;
        };
    }

    private static String iam(String rest) {
        String name = rest.substring(rest.lastIndexOf('/') + 1);
        if (rest.startsWith("role/")) {
            return "https://console.aws.amazon.com/iam/home#/roles/details/" + encode(name);
        }
        if (rest.startsWith("user/")) {
            return "https://console.aws.amazon.com/iam/home#/users/details/" + encode(name);
        }
        return null;
    }

    private static String eventHistory(String region, String eventId) {
        return eventId == null || eventId.isBlank() ? regional(region, "cloudtrailv2/home", "/events")
                : regional(region, "cloudtrailv2/home", "/events/" + encode(eventId));
    }

    private static String regional(String region, String page, String fragment) {
        return "https://" + region + ".console.aws.amazon.com/" + page + "?region=" + region + "#" + fragment;
    }

    private static String after(String text, String separator) {
        return text.substring(text.indexOf(separator) + 1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
