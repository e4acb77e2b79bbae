package dev.backstop.tests.hostile;

import dev.backstop.tests.hostile.HostileCase.Content;
import dev.backstop.tests.hostile.HostileCase.Kind;
import dev.backstop.tests.hostile.HostileCase.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects the corpus group by group; a name used twice in a group is a mistake in the generator. */
final class CorpusBuilder {

    private final List<HostileCase> cases = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private String group = "ungrouped";

    CorpusBuilder group(String name) {
        group = name;
        return this;
    }

    CorpusBuilder refused(Kind kind, String name, byte[] content, String... mentions) {
        return add(kind, name, Verdict.REFUSED, file -> Files.write(file, content), List.of(mentions), List.of());
    }

    CorpusBuilder refused(Kind kind, String name, String content, String... mentions) {
        return refused(kind, name, content.getBytes(StandardCharsets.UTF_8), mentions);
    }

    /** A case whose file is written at test time, streamed: the large ones. */
    CorpusBuilder refusedWritten(Kind kind, String name, Content content, String... mentions) {
        return add(kind, name, Verdict.REFUSED, content, List.of(mentions), List.of());
    }

    /** Accepted, and none of {@code absent} in the output (a rule a forged key must not make match). */
    CorpusBuilder accepted(Kind kind, String name, byte[] content, String... absent) {
        return add(kind, name, Verdict.ACCEPTED, file -> Files.write(file, content), List.of(), List.of(absent));
    }

    CorpusBuilder accepted(Kind kind, String name, String content, String... absent) {
        return accepted(kind, name, content.getBytes(StandardCharsets.UTF_8), absent);
    }

    CorpusBuilder acceptedWritten(Kind kind, String name, Content content, String... absent) {
        return add(kind, name, Verdict.ACCEPTED, content, List.of(), List.of(absent));
    }

    private CorpusBuilder add(Kind kind, String name, Verdict verdict, Content content, List<String> mentions,
            List<String> absent) {
        HostileCase hostile = new HostileCase(group, name, kind, verdict, content, mentions, absent);
        if (!ids.add(hostile.id())) {
            throw new IllegalStateException("two cases are called " + hostile.id());
        }
        cases.add(hostile);
        return this;
    }

    List<HostileCase> build() {
        return List.copyOf(cases);
    }
}
