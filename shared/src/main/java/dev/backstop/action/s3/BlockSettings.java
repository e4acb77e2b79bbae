package dev.backstop.action.s3;

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

    static final List<String> NAMES = List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy",
            "restrictPublicBuckets");
    static final BlockSettings NONE = new BlockSettings(false, false, false, false);

    /** The settings a rule wants on: each of its boolean params, true when not given. */
    static BlockSettings wanted(ActionSpec spec) {
        return new BlockSettings(spec.bool(NAMES.get(0)).orElse(true), spec.bool(NAMES.get(1)).orElse(true),
                spec.bool(NAMES.get(2)).orElse(true), spec.bool(NAMES.get(3)).orElse(true));
    }

    static BlockSettings of(Boolean blockPublicAcls, Boolean ignorePublicAcls, Boolean blockPublicPolicy,
            Boolean restrictPublicBuckets) {
        return new BlockSettings(Boolean.TRUE.equals(blockPublicAcls), Boolean.TRUE.equals(ignorePublicAcls),
                Boolean.TRUE.equals(blockPublicPolicy), Boolean.TRUE.equals(restrictPublicBuckets));
    }

    /** Read back from undo data or facts, which name the settings as {@link #NAMES} does. */
    static BlockSettings of(Map<String, String> values) {
        return new BlockSettings(Boolean.parseBoolean(values.get(NAMES.get(0))),
                Boolean.parseBoolean(values.get(NAMES.get(1))), Boolean.parseBoolean(values.get(NAMES.get(2))),
                Boolean.parseBoolean(values.get(NAMES.get(3))));
    }

    List<Boolean> values() {
        return List.of(blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets);
    }

    /** True when every setting {@code wanted} has on is on here. */
    boolean covers(BlockSettings wanted) {
        for (int i = 0; i < NAMES.size(); i++) {
            if (wanted.values().get(i) && !values().get(i)) {
                return false;
            }
        }
        return true;
    }

    /** These settings with {@code wanted}'s turned on too: never turns a setting off. */
    BlockSettings with(BlockSettings wanted) {
        return new BlockSettings(blockPublicAcls || wanted.blockPublicAcls, ignorePublicAcls || wanted.ignorePublicAcls,
                blockPublicPolicy || wanted.blockPublicPolicy, restrictPublicBuckets || wanted.restrictPublicBuckets);
    }

    /** The names of the settings {@code wanted} has on and these have off. */
    List<String> missing(BlockSettings wanted) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if (wanted.values().get(i) && !values().get(i)) {
                missing.add(NAMES.get(i));
            }
        }
        return missing;
    }

    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            map.put(NAMES.get(i), values().get(i).toString());
        }
        return map;
    }
}
