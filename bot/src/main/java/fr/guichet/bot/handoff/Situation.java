package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Theme;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message shows of the entrepreneur's situation, as the labelled corpus names it
 * (bot/src/main/resources/guichet/handoff). Some situations need an adviser whatever the
 * catalogue says; some fix which advisers; the others are the conversation's ordinary turns.
 */
public enum Situation {
    QUESTION(null, null, null),
    TRAINING(null, null, null),
    ASK_PERSON(HandoffReason.EXPLICIT_REQUEST, null, null),
    DISTRESS(HandoffReason.SENSITIVE_SITUATION, Theme.DIFFICULTES, "entreprise en difficulté"),
    DISPUTE(HandoffReason.SENSITIVE_SITUATION, Theme.JURIDIQUE_FORMALITES, "litige"),
    HR_SENSITIVE(HandoffReason.SENSITIVE_SITUATION, Theme.RECRUTEMENT_RH, "situation délicate avec un salarié"),
    SALE_TAKEOVER(HandoffReason.SENSITIVE_SITUATION, Theme.REPRISE_TRANSMISSION, "vente ou reprise d'une entreprise"),
    LARGE_PROJECT(HandoffReason.LARGE_PROJECT, null, null),
    COMBINED_AIDS(HandoffReason.COMBINED_AIDS, null, null),
    OUT_OF_SCOPE(HandoffReason.NO_ANSWER, null, null),
    GREETING(null, null, null),
    THANKS_BYE(null, null, null),
    VAGUE(null, null, null),
    /** « bof », « c'est pas ça »: the last answer did not help (only in conversations). */
    REJECTION(null, null, null),
    /** « c'est combien ? », « on s'inscrit comment ? »: about the entries just shown (only in conversations). */
    DETAILS(null, null, null);

    private final HandoffReason reason;
    private final Theme domain;
    private final String label;

    Situation(HandoffReason reason, Theme domain, String label) {
        this.reason = reason;
        this.domain = domain;
        this.label = label;
    }

    /** What the adviser reads of the situation, in French; null when the reason says it all. */
    public String label() {
        return label;
    }

    /** The corpus's name: "ask_person". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Situation> fromCode(String code) {
        for (Situation s : values()) {
            if (s.code().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** True when an adviser should take the case, whatever the catalogue holds. */
    public boolean needsAdviser() {
        return reason != null;
    }

    /** Why an adviser takes it; null for ordinary turns. */
    public HandoffReason reason() {
        return reason;
    }

    /** The advisers' domain the situation itself decides (distress: difficultés), if any. */
    public Optional<Theme> domain() {
        return Optional.ofNullable(domain);
    }
}
