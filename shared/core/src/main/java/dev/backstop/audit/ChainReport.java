package dev.backstop.audit;

import java.util.List;

/** What verifying one chain found: its length (the head's position) and each problem. */
public record ChainReport(String chain, long length, List<ChainProblem> problems) {

    public ChainReport {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }
}
