package dev.backstop.tests.hostile;

import java.util.List;

/**
 * The hostile corpus: hundreds of malformed and hostile inputs across the classes of issue 15,
 * generated here (the large ones written at test time, none committed). Each case says whether it
 * must be refused, and what the refusal must name.
 */
final class HostileCorpus {

    private HostileCorpus() {
    }

    static List<HostileCase> all() {
        CorpusBuilder corpus = new CorpusBuilder();
        EventCorpus.addTo(corpus);
        AlarmCorpus.addTo(corpus);
        LogFileCorpus.addTo(corpus);
        RuleCorpus.addTo(corpus);
        return corpus.build();
    }
}
