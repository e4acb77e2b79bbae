package dev.backstop.action.s3;

import dev.backstop.catalogue.S3ParametersModule;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four Block Public Access settings, as a bucket or an account has them. An absent
 * configuration reads as all four off, which is what S3 enforces then.
 */
record BlockSettings(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
        boolean restrictPublicBuckets) {

    static final List<String> NAMES = S3ParametersModule.BLOCK_SETTINGS;
    static final BlockSettings NONE = new BlockSettings(false, false, false, false);

    static BlockSettings of(Boolean blockPublicAcls, Boolean ignorePublicAcls, Boolean blockPublicPolicy,
            Boolean restrictPublicBuckets) {
        return new BlockSettings(Boolean.TRUE.equals(blockPublicAcls), Boolean.TRUE.equals(ignorePublicAcls),
                Boolean.TRUE.equals(blockPublicPolicy), Boolean.TRUE.equals(restrictPublicBuckets));
    }

    /** Read back from undo data or facts, which name the settings as {@link #NAMES} does. */
    static BlockSettings of(Map<String, String> values) {
        List<Boolean> on = NAMES.stream().map(name -> Boolean.parseBoolean(values.get(name))).toList();
        return new BlockSettings(on.get(0), on.get(1), on.get(2), on.get(3));
    }

    /** The settings a rule wants on: each of its boolean params, true when not given. */
    static List<String> wanted(ActionSpec spec) {
        return NAMES.stream().filter(name -> spec.bool(name).orElse(true)).toList();
    }

    List<Boolean> values() {
        return List.of(blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets);
    }

    /** Those of the named settings that are off here. */
    List<String> off(List<String> names) {
        List<String> off = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if (names.contains(NAMES.get(i)) && !values().get(i)) {
                off.add(NAMES.get(i));
            }
        }
        return off;
    }

    /** These settings with the named ones turned on: never turns a setting off. */
    BlockSettings withOn(List<String> names) {
        Map<String, String> values = asMap();
        names.forEach(name -> values.put(name, "true"));
        return of(values);
    }

    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            map.put(NAMES.get(i), values().get(i).toString());
        }
        return map;
    }
}
