package fr.guichet.knowledge.search;

import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.catalogue.EntryKind;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The words that ask for one kind of entry: « une aide », « un prêt » ask for a scheme,
 * « une formation » for a training. The search ranks that kind first; the assistant lets a
 * follow-up naming a kind replace the kind the previous turn asked for.
 */
public final class KindWords {
    /** « une aide », not the verb: « ça m'aide », « ça ne t'aide pas ». */
    private static final Pattern SCHEME = Pattern.compile(
            "\\b((?<!\\b(?:m|t|l|nous|vous|ca|qui|ne|n) )aides?|subventions?|financements?|financer|prets?|argent|thunes?"
                    + "|tunes?|fric|garanties?|microcredits?)\\b");
    private static final Pattern TRAINING = Pattern.compile(
            "\\b(formations?|former|apprendre|diplomes?|certifications?|cpf)\\b");

    private KindWords() {
    }

    /** The kind a text asks for; none when it names both kinds, or neither. */
    public static Optional<EntryKind> askedIn(String text) {
        String normalized = FrenchText.normalize(text);
        boolean scheme = SCHEME.matcher(normalized).find();
        boolean training = TRAINING.matcher(normalized).find();
        return scheme == training ? Optional.empty() : Optional.of(scheme ? EntryKind.SCHEME : EntryKind.TRAINING);
    }

    /** True when a text names a kind of entry at all. */
    public static boolean named(String text) {
        String normalized = FrenchText.normalize(text);
        return SCHEME.matcher(normalized).find() || TRAINING.matcher(normalized).find();
    }

    /** The text, normalized, without its words naming a kind. */
    public static String without(String text) {
        String normalized = FrenchText.normalize(text);
        return TRAINING.matcher(SCHEME.matcher(normalized).replaceAll(" ")).replaceAll(" ");
    }
}
