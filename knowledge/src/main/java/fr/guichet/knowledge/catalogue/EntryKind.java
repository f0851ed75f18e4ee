package fr.guichet.knowledge.catalogue;

import java.util.Optional;

/** A catalogue entry is a business-support scheme or a training course. */
public enum EntryKind {
    SCHEME("scheme", "dispositif", "schemes"),
    TRAINING("training", "formation", "trainings");

    private final String code;
    private final String label;
    private final String fileStem;

    EntryKind(String code, String label, String fileStem) {
        this.code = code;
        this.label = label;
        this.fileStem = fileStem;
    }

    public String code() {
        return code;
    }

    /** French word shown to users. */
    public String label() {
        return label;
    }

    /** File name without extension in a catalogue directory. */
    public String fileStem() {
        return fileStem;
    }

    public static Optional<EntryKind> fromCode(String code) {
        for (EntryKind k : values()) {
            if (k.code.equals(code)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
