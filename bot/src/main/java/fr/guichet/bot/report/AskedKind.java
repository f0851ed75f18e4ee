package fr.guichet.bot.report;

import fr.guichet.knowledge.catalogue.EntryKind;
import java.util.Arrays;
import java.util.Optional;

/** What a question asked for: schemes, trainings, or either (no kind named, or both). */
public enum AskedKind {
    SCHEME("scheme", "dispositifs"),
    TRAINING("training", "formations"),
    ANY("any", "sans préférence");

    private final String code;
    private final String label;

    AskedKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** From what the search understood, e.g. {@code AskedKind.of(KindWords.askedIn(text))}. */
    public static AskedKind of(Optional<EntryKind> kind) {
        return kind.map(k -> k == EntryKind.TRAINING ? TRAINING : SCHEME).orElse(ANY);
    }

    public static Optional<AskedKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
