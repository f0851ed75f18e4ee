package fr.guichet.knowledge.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** Company stage codes of the catalogue format. */
public enum Stage {
    PROJET("projet", "projet"),
    CREATION("creation", "création"),
    JEUNE_ENTREPRISE("jeune-entreprise", "jeune entreprise (moins de 3 ans)"),
    DEVELOPPEMENT("developpement", "développement"),
    TRANSMISSION_REPRISE("transmission-reprise", "transmission ou reprise"),
    DIFFICULTE("difficulte", "difficulté");

    private final String code;
    private final String label;

    Stage(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Stage> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
