package fr.guichet.bot.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a question ended. {@link #HANDED_OFF} wins over the others: the reply proposed an
 * adviser (with a {@link fr.guichet.bot.handoff.HandoffReason}), whatever it showed.
 */
public enum Outcome {
    ANSWERED("answered", "répondu"),
    PARTIAL("partial", "réponse approchée"),
    NOTHING_FOUND("nothing_found", "rien trouvé"),
    HANDED_OFF("handed_off", "orienté vers un conseiller");

    private final String code;
    private final String label;

    Outcome(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Outcome> fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
