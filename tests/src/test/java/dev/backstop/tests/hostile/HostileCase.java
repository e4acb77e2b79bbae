package dev.backstop.tests.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One hostile input of the corpus: a file, how ./backstop and the handlers take it, and what must
 * come of it beyond ending cleanly.
 *
 * @param group the class of problem, such as {@code json-syntax} or {@code yaml-aliases}
 * @param mentions words the one-line result must hold: the field and the limit a refusal names
 * @param absent words the output must not hold, such as a rule a forged key would make match
 */
record HostileCase(String group, String name, Kind kind, Verdict verdict, Content content, List<String> mentions,
        List<String> absent) {

    /** What the file is, and so which command and which handler path take it. */
    enum Kind {
        /** One EventBridge CloudTrail event: {@code ./backstop plan}, and the CloudTrail handler. */
        EVENT,
        /** One alarm payload in any shape: {@code ./backstop plan}, and the alarm handler. */
        ALARM,
        /** A CloudTrail log file, gzipped or not: {@code ./backstop plan} only; no handler receives one. */
        LOG_FILE,
        /** A team's rule file: {@code ./backstop validate}, and a rule refresh in a handler. */
        RULES
    }

    enum Verdict { ACCEPTED, REFUSED }

    /** Writes the case's file; large ones stream straight to disk, so none is held in memory or committed. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    HostileCase {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        mentions = List.copyOf(mentions);
        absent = List.copyOf(absent);
    }

    String id() {
        return group + "/" + name;
    }

    /** The file's name in the corpus folder: the id, with the extension its kind is read by. */
    String fileName() {
        return id().replaceAll("[^A-Za-z0-9/._-]", "_") + (kind == Kind.RULES ? ".yaml" : kind == Kind.LOG_FILE ? ".log.json" : ".json");
    }
}
