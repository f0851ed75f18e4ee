package fr.guichet.knowledge.text;

import java.util.List;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The one normaliser of French text: what every part that compares words (places, kind
 * words, profile, amounts, typo correction) reads, so that « Béthune », « BETHUNE » and
 * « bethune » are one word everywhere. The Lucene chain ({@link FrenchAnalysis}) folds the
 * same way.
 */
public final class FrenchText {
    private FrenchText() {
    }

    /** Lower case, no accents, words of letters and digits separated by single spaces. */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char[] one = new char[1];
        char[] folded = new char[8];
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int n;
            if (c < 128) {
                folded[0] = c;
                n = 1;
            } else {
                one[0] = c;
                n = ASCIIFoldingFilter.foldToASCII(one, 0, folded, 0, 1);
            }
            for (int k = 0; k < n; k++) {
                char f = folded[k];
                if ((f >= 'a' && f <= 'z') || (f >= '0' && f <= '9')) {
                    if (pendingSpace && !out.isEmpty()) {
                        out.append(' ');
                    }
                    pendingSpace = false;
                    out.append(f);
                } else if (f >= 'A' && f <= 'Z') {
                    if (pendingSpace && !out.isEmpty()) {
                        out.append(' ');
                    }
                    pendingSpace = false;
                    out.append((char) (f + ('a' - 'A')));
                } else {
                    pendingSpace = true;
                }
            }
        }
        return out.toString();
    }


    /** The normalised words of a text. */
    public static List<String> words(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : List.of(normalized.split(" "));
    }
}
