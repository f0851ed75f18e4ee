package fr.guichet.knowledge.catalogue;

import java.util.List;
import java.util.stream.Collectors;

/** A catalogue directory that breaks the format; carries every problem found, not just the first. */
public class CatalogueException extends Exception {
    private final List<Problem> problems;

    public CatalogueException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
