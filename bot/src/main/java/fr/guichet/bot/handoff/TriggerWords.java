package fr.guichet.bot.handoff;

import java.util.List;

/**
 * Puts back the spelling of the words the handoff rules look for, when a message misspells
 * them by one letter ("paiment", "redresement", "conseillé"): a typo must not keep a
 * company in trouble away from an adviser. Only long words are corrected, against long
 * trigger words, so that no everyday word is mistaken for one ("session" is not "cession").
 */
final class TriggerWords {
    private static final int MIN_LENGTH = 7;
    /** Every one at least MIN_LENGTH letters long. */
    private static final List<String> WORDS = List.of("paiement", "paiements", "cessation", "redressement", "liquidation",
            "faillite", "huissier", "procedure", "licenciement", "licencier", "harcelement", "discrimination", "contentieux",
            "tribunal", "conseiller", "conseillere", "repreneur", "transmettre", "racheter", "reprendre", "retraite",
            "successeur", "tresorerie", "economique", "cumuler", "cumulable", "rappeler", "recontacter");

    private TriggerWords() {
    }

    /** The text, lower case and unaccented, with each misspelt trigger word spelt right. */
    static String correct(String normalized) {
        String[] words = normalized.split(" ");
        StringBuilder out = new StringBuilder(normalized.length());
        for (String w : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(w.length() >= MIN_LENGTH - 1 ? closest(w) : w);
        }
        return out.toString();
    }

    private static String closest(String word) {
        if (WORDS.contains(word)) {
            return word;
        }
        for (String trigger : WORDS) {
            if (oneEditApart(word, trigger)) {
                return trigger;
            }
        }
        return word;
    }

    /** One letter added, dropped, changed, or two neighbours swapped. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == la && i == lb) {
            return false; // identical
        }
        if (la == lb) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true; // changed
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2)); // swapped
        }
        return la > lb ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
    }
}
