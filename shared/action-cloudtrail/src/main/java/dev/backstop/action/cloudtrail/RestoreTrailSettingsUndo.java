package dev.backstop.action.cloudtrail;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guarded settings the fix sets ({@code restored}) and their values before it
 * ({@code previous}, which undo sets back), by their API names, in {@link TrailConfig#GUARDED}
 * order. Version 1 held them flat: each setting under its name, its fix under {@code restored.}
 * and its name.
 */
record RestoreTrailSettingsUndo(String trail, Map<String, String> previous, Map<String, String> restored)
        implements UndoData {

    static final String RESTORED = "restored.";

    static final UndoFormat<RestoreTrailSettingsUndo> FORMAT = UndoFormat.of(RestoreTrailSettingsUndo.class,
            RestoreTrailSettingsUndo::fromVersion1);

    RestoreTrailSettingsUndo {
        UndoData.require(trail, "trail");
        previous = guarded(previous);
        restored = guarded(restored);
    }

    @Override
    public String call() {
        return "UpdateTrail";
    }

    private static RestoreTrailSettingsUndo fromVersion1(Map<String, String> version1) {
        Map<String, String> previous = new LinkedHashMap<>();
        Map<String, String> restored = new LinkedHashMap<>();
        version1.forEach((key, value) -> {
            if (key.startsWith(RESTORED)) {
                restored.put(key.substring(RESTORED.length()), value);
            } else if (TrailConfig.GUARDED.contains(key)) {
                previous.put(key, value);
            }
        });
        return new RestoreTrailSettingsUndo(version1.get("trail"), previous, restored);
    }

    /** Only guarded settings, in their fixed order, so the record reads and writes the same wherever it came from. */
    private static Map<String, String> guarded(Map<String, String> settings) {
        Map<String, String> ordered = new LinkedHashMap<>();
        settings = settings == null ? Map.of() : settings;
        for (String setting : settings.keySet()) {
            if (!TrailConfig.GUARDED.contains(setting)) {
                throw new IllegalArgumentException("the undo data names " + setting + ", which is no guarded trail setting");
            }
        }
        for (String setting : TrailConfig.GUARDED) {
            if (settings.containsKey(setting)) {
                ordered.put(setting, settings.get(setting));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }
}
