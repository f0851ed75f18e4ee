package fr.guichet.bot.handoff;

/** Why a case goes to a human. The French label is shown to the adviser. */
public enum HandoffReason {
    EXPLICIT_REQUEST("demande explicite d'un conseiller"),
    SENSITIVE_SITUATION("situation à traiter par un conseiller"),
    LARGE_PROJECT("projet d'un montant important"),
    COMBINED_AIDS("cumul de plusieurs aides publiques"),
    NO_ANSWER("question à laquelle le catalogue ne répond pas"),
    UNHELPFUL_ANSWERS("réponses jugées peu utiles"),
    COMPLEX_CASE("cas jugé complexe");

    private final String label;

    HandoffReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
