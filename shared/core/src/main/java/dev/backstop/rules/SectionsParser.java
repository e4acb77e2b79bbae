package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.config.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what rule files say about operating Backstop beside the rules: stepped modes, durations,
 * the {@code organization}, {@code pipelines} and {@code kill-switch} sections.
 */
final class SectionsParser {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})([smhd])");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/-]{0,127}");
    private static final Set<String> STEPPED_KEYS = Set.of("default", "when");
    private static final Set<String> CASE_KEYS = Set.of("accounts", "ous", "tags", "mode");
    private static final Set<String> PIPELINE_KEYS = Set.of("principals", "tags", "owner", "settle");
    private static final Set<String> KILL_SWITCH_KEYS = Set.of("by", "reason");
    static final Duration LONGEST_SETTLE = Duration.ofMinutes(15);

    private SectionsParser() {
    }

    /** A mode, as a word or stepped ({@code default} and {@code when} cases); null after reporting errors. */
    static ModePolicy modes(Fields field) {
        if (!field.node().isObject()) {
            Mode mode = mode(field);
            return mode == null ? null : ModePolicy.fixed(mode);
        }
        int errorsBefore = field.errorCount();
        field.onlyKeys(STEPPED_KEYS);
        Mode fallback = mode(field.child("default"));
        Fields when = field.child("when");
        List<ModePolicy.Case> cases = new ArrayList<>();
        if (when.requireList()) {
            if (when.node().isEmpty()) {
                when.error("name at least one case, or give the mode as a word");
            }
            for (int i = 0; i < when.node().size(); i++) {
                modeCase(when.element(i)).ifPresent(cases::add);
            }
        }
        return field.errorCount() == errorsBefore ? new ModePolicy(fallback, cases, field.file()) : null;
    }

    private static Optional<ModePolicy.Case> modeCase(Fields entry) {
        if (!entry.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = entry.errorCount();
        entry.onlyKeys(CASE_KEYS);
        List<String> accounts = accounts(entry.child("accounts"));
        List<String> units = entry.child("ous").strings();
        Map<String, String> tags = tags(entry.child("tags"));
        Mode mode = mode(entry.child("mode"));
        if (!entry.child("accounts").present() && !entry.child("ous").present() && !entry.child("tags").present()) {
            entry.error("name at least one of accounts, ous or tags: a case without a condition is the default");
        }
        return entry.errorCount() == errorsBefore
                ? Optional.of(new ModePolicy.Case(accounts, units, tags, mode, entry.line())) : Optional.empty();
    }

    static Mode mode(Fields field) {
        String text = field.requiredString();
        if (text == null) {
            return null;
        }
        try {
            return Mode.parse(text);
        } catch (IllegalArgumentException e) {
            field.error(e.getMessage());
            return null;
        }
    }

    /** A duration such as 90s, 15m, 2h or 1d, between the bounds; null after reporting why not. */
    static Duration duration(Fields field, Duration shortest, Duration longest) {
        String text = field.node().isTextual() ? field.node().asText() : null;
        Matcher matcher = text == null ? null : DURATION.matcher(text);
        if (matcher == null || !matcher.matches()) {
            field.error("expected a duration such as 90s, 15m, 2h or 1d, found " + Fields.kind(field.node()));
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.compareTo(shortest) < 0 || duration.compareTo(longest) > 0) {
            field.error("expected from " + words(shortest) + " to " + words(longest) + ", found " + text);
            return null;
        }
        return duration;
    }

    static List<String> accounts(Fields accounts) {
        List<String> values = new ArrayList<>();
        if (!accounts.present() || !accounts.requireList()) {
            return values;
        }
        for (int i = 0; i < accounts.node().size(); i++) {
            Fields account = accounts.element(i);
            if (!account.node().isTextual()) {
                account.error("quote account ids (\"012345678901\"), or YAML reads them as numbers and drops leading zeros");
            } else if (!ACCOUNT.matcher(account.node().asText()).matches()) {
                account.error("expected a 12-digit account id, found " + Fields.kind(account.node()));
            } else {
                values.add(account.node().asText());
            }
        }
        return values;
    }

    static Map<String, String> tags(Fields tags) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!tags.optionalObject()) {
            return values;
        }
        tags.node().fieldNames().forEachRemaining(key -> {
            JsonNode value = tags.node().get(key);
            if (value.isTextual()) {
                values.put(key, value.asText());
            } else {
                tags.child(key).error("expected the tag value as a string, found " + Fields.kind(value)
                        + " (quote \"true\" and numbers)");
            }
        });
        return values;
    }

    /** The {@code organization} section: unit names, each with its accounts; an account in one unit only. */
    static Optional<Organization> organization(Fields section) {
        if (!section.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = section.errorCount();
        Map<String, List<String>> units = new LinkedHashMap<>();
        Map<String, String> unitOf = new HashMap<>();
        section.node().fieldNames().forEachRemaining(name -> {
            Fields unit = section.child(name);
            if (!UNIT.matcher(name).matches()) {
                unit.error("a unit name uses letters, digits, spaces and ._/- (at most 128)");
            }
            if (!unit.requireList()) {
                return;
            }
            List<String> accounts = accounts(unit);
            for (int i = 0; i < accounts.size(); i++) {
                String earlier = unitOf.putIfAbsent(accounts.get(i), name);
                if (earlier != null) {
                    unit.element(i).error("account " + accounts.get(i) + " is in unit " + earlier + " already");
                }
            }
            units.put(name, accounts);
        });
        return section.errorCount() == errorsBefore
                ? Optional.of(new Organization(units, section.file() + ":" + section.line())) : Optional.empty();
    }

    /** The {@code pipelines} section. */
    static Optional<Pipelines> pipelines(Fields section) {
        if (!section.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = section.errorCount();
        section.onlyKeys(PIPELINE_KEYS);
        List<ArnGlob> principals = RuleFileParser.principals(section.child("principals"));
        Map<String, String> tags = tags(section.child("tags"));
        Optional<String> owner = Optional.ofNullable(section.child("owner").string());
        Fields settleField = section.child("settle");
        Duration settle = settleField.present() ? duration(settleField, Duration.ZERO, LONGEST_SETTLE) : Duration.ZERO;
        if (principals.isEmpty() && tags.isEmpty() && !settleField.present()) {
            section.error("name the pipelines' principals, the tags that mark managed resources, or a settle time");
        }
        return section.errorCount() == errorsBefore
                ? Optional.of(new Pipelines(principals, tags, owner, settle, section.file() + ":" + section.line()))
                : Optional.empty();
    }

    /** The {@code kill-switch} section: who set it and why, both required. */
    static Optional<KillSwitch> killSwitch(Fields section) {
        if (!section.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = section.errorCount();
        section.onlyKeys(KILL_SWITCH_KEYS);
        String by = section.child("by").requiredString();
        String reason = section.child("reason").requiredString();
        return section.errorCount() == errorsBefore
                ? Optional.of(new KillSwitch(by, reason, section.file() + ":" + section.line())) : Optional.empty();
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        return seconds % 86400 == 0 ? seconds / 86400 + "d" : seconds % 3600 == 0 ? seconds / 3600 + "h"
                : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
