package fr.guichet.knowledge.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures written in digits in a text ("4 000 €", "60 %", "1er avril 2025", "7,5"), in one
 * normal form (4000, 60, 1, 2025, 7.5) so an entry's figures can be matched with the figures its
 * sources back. Digits that are part of a name (CO2, Fret21, B2B) are not figures. Numbers
 * spelled out in words are not seen: writing a figure in words is not a way to avoid sourcing
 * it, the point of "in words" is to say "selon le dossier" instead of a figure.
 */
public final class Figures {
    /** Digits not glued to letters, thousands grouped by a space or a dot, decimals after a comma, ordinals. */
    private static final Pattern FIGURE = Pattern.compile(
            "(?<![\\p{L}\\d.,])(\\d{1,3}(?:[ \\u00a0\\u202f.]\\d{3})+|\\d+)(?:,(\\d+))?(?:er|re|ère|e|ème|eme|ᵉ)?(?![\\p{L}\\d])");

    private Figures() {
    }

    public static Set<String> in(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        Matcher m = FIGURE.matcher(text);
        while (m.find()) {
            String whole = m.group(1).replaceAll("[ \\u00a0\\u202f.]", "");
            out.add(normal(m.group(2) == null ? whole : whole + "." + m.group(2)));
        }
        return out;
    }

    public static String of(BigDecimal number) {
        return normal(number.toPlainString());
    }

    private static String normal(String number) {
        BigDecimal value = new BigDecimal(number).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    /** Every figure of a list of texts. */
    public static List<String> inAll(List<String> texts) {
        List<String> out = new ArrayList<>();
        texts.forEach(t -> out.addAll(in(t)));
        return out;
    }
}
