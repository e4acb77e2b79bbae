package dev.backstop.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which fields of a chained item differ from what was hashed, told by the digests kept beside the hash. */
final class FieldDifferences {

    private FieldDifferences() {
    }

    /** Nothing when the item still hashes to its stored hash; else one entry per changed, added or removed field. */
    static List<String> of(Map<String, AttributeValue> item) {
        if (ChainHash.of(item).equals(ChainVerifier.text(item, AuditTable.CHAIN_HASH))) {
            return List.of();
        }
        AttributeValue recorded = item.get(AuditTable.FIELD_DIGESTS);
        if (recorded == null || recorded.m() == null || recorded.m().isEmpty()) {
            return List.of("its content does not match its hash, and its field digests are gone");
        }
        Map<String, AttributeValue> digests = recorded.m();
        List<String> differences = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(digests.keySet());
        item.keySet().stream().filter(name -> !ChainHash.UNHASHED.contains(name)).forEach(names::add);
        for (String name : names) {
            AttributeValue value = item.get(name);
            AttributeValue digest = digests.get(name);
            if (value == null) {
                differences.add("removed " + name);
            } else if (digest == null) {
                differences.add("added " + name);
            } else if (!ChainHash.fieldDigest(value).equals(digest.s())) {
                differences.add("changed " + name);
            }
        }
        if (differences.isEmpty()) {
            differences.add("its content does not match its hash, and its field digests were altered to match it");
        }
        return differences;
    }

    static String describe(List<String> differences) {
        return differences.isEmpty() ? "" : "; " + String.join(", ", differences);
    }
}
