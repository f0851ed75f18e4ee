package fr.guichet.bot.handoff;

/**
 * What a user typed, made safe to store and to show on an adviser's terminal: control
 * characters (escape sequences that clear the screen, set the window title or hide text),
 * bidirectional overrides (which make text read differently from what it is) and unpaired
 * surrogates are removed; line breaks are kept as {@code \n} and tabs become spaces.
 * Letters of every script, emoji and ordinary punctuation are untouched.
 */
public final class UserText {

    private UserText() {
    }

    /** The text without control characters; null stays null. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null; // allocated at the first change: most text is already clean
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            String replacement = replacement(text, i);
            if (replacement == null) {
                if (out != null) {
                    out.append(ch);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n).append(text, 0, i);
            }
            out.append(replacement);
            if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++; // CR LF is one line break
            }
        }
        return out == null ? text : out.toString();
    }

    /** Null when the character at {@code i} stays as it is, else what replaces it (maybe nothing). */
    private static String replacement(String text, int i) {
        char ch = text.charAt(i);
        if (ch == '\n') {
            return null;
        }
        if (ch == '\r') {
            return "\n";
        }
        if (ch == '\t') {
            return " ";
        }
        if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F)) {
            return ""; // C0 controls (ESC, BEL, backspace…), DEL and C1 controls (CSI, OSC…)
        }
        if ((ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069)) {
            return ""; // bidirectional embeddings, overrides and isolates
        }
        if (Character.isHighSurrogate(ch)) {
            boolean paired = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            return paired ? null : "";
        }
        if (Character.isLowSurrogate(ch)) {
            boolean paired = i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            return paired ? null : "";
        }
        return null;
    }
}
