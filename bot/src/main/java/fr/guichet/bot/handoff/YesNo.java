package fr.guichet.bot.handoff;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an answer to a yes/no question (« Transmettre votre demande ? », « Acceptez-vous
 * d'être recontacté ? »), the same way on every channel. Only clear words count: « oui »,
 * « o », « ok », « d'accord », « yes »…, « non », « n », « no »…, with politeness around them
 * (« oui merci », « non merci », « ah oui volontiers »). Anything else, or a yes and a no
 * together (« ouais non »), is {@link #UNCLEAR}: the channel asks again. Consent is never
 * guessed from a first letter (« oh non merci », « oublie ça » are not yes).
 */
public enum YesNo {
    YES, NO, UNCLEAR;

    /** How many times a channel asks before taking silence or confusion as no. */
    public static final int ATTEMPTS = 3;

    private static final Set<String> YES_PHRASES = Set.of("oui", "o", "ouais", "ouai", "oue", "ouep", "ouaip", "yes", "y",
            "yep", "yup", "ok", "okay", "oki", "okey", "d accord", "daccord", "dac", "bien sur", "volontiers",
            "je veux bien", "avec plaisir", "absolument", "tout a fait", "carrement", "certainement", "evidemment",
            "j accepte", "accepte", "j y consens", "je consens", "entendu", "parfait", "vas y", "allez y", "go", "oui oui");
    private static final Set<String> NO_PHRASES = Set.of("non", "n", "no", "nope", "nan", "nah", "pas question",
            "jamais", "je refuse", "refuse", "surtout pas", "pas du tout", "absolument pas", "certainement pas",
            "je ne veux pas", "je veux pas", "pas maintenant", "laisse tomber", "laissez tomber", "non non", "non plus",
            "je n accepte pas", "j accepte pas", "pas d accord");
    /** Words that change nothing to the answer they surround. */
    private static final Set<String> POLITE = Set.of("merci", "beaucoup", "bien", "svp", "stp", "s il vous plait",
            "s il te plait", "oh", "ah", "eh", "euh", "heu", "ben", "bah", "alors", "c est", "ca", "madame", "monsieur",
            "je", "pense", "crois", "que", "bonne", "journee", "bonjour");
    private static final int LONGEST = 4; // words in the longest phrase

    /** The answer in {@code text}; null, empty or anything unclear is {@link #UNCLEAR}. */
    public static YesNo read(String text) {
        if (text == null) {
            return UNCLEAR;
        }
        String normalized = normalize(text);
        if (normalized.isEmpty() || normalized.length() > 200) {
            return UNCLEAR;
        }
        List<String> words = List.of(normalized.split(" "));
        boolean yes = false;
        boolean no = false;
        int i = 0;
        while (i < words.size()) {
            int matched = 0;
            for (int n = Math.min(LONGEST, words.size() - i); n >= 1 && matched == 0; n--) {
                String phrase = String.join(" ", words.subList(i, i + n));
                if (NO_PHRASES.contains(phrase)) {
                    no = true;
                    matched = n;
                } else if (YES_PHRASES.contains(phrase)) {
                    yes = true;
                    matched = n;
                } else if (POLITE.contains(phrase)) {
                    matched = n;
                }
            }
            if (matched == 0) {
                return UNCLEAR; // a word that is neither yes, no nor politeness: do not guess
            }
            i += matched;
        }
        return yes == no ? UNCLEAR : yes ? YES : NO;
    }

    /** Lower case, no accents, apostrophes and punctuation as spaces, a leading « / » dropped (« /oui »). */
    static String normalize(String text) {
        String t = Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        if (t.startsWith("/")) {
            t = t.substring(1);
        }
        List<String> words = new ArrayList<>();
        for (String w : t.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return String.join(" ", words);
    }
}
