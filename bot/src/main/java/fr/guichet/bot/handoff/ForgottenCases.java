package fr.guichet.bot.handoff;

import java.util.List;

/**
 * What erasing an entrepreneur did to their cases: {@code cases} as they are now (no contact,
 * no transcript, a neutral reason, no link to the entrepreneur), and the ids of those that were
 * still open or claimed and are now cancelled, so that nobody calls someone who asked to be
 * forgotten; {@code hadContact}, those that held contact details.
 */
public record ForgottenCases(List<HandoffCase> cases, List<String> cancelled, List<String> hadContact) {

    /** The reason a forgotten case carries instead of its own, which may tell a lot. */
    public static final String NEUTRAL_REASON = "Données effacées à la demande de l'entrepreneur";
    /** Who is recorded as having cancelled and erased the case. */
    public static final String ACTOR = "entrepreneur";

    public static final ForgottenCases NONE = new ForgottenCases(List.of(), List.of(), List.of());

    public ForgottenCases {
        cases = List.copyOf(cases);
        cancelled = List.copyOf(cancelled);
        hadContact = List.copyOf(hadContact);
    }

    public boolean isEmpty() {
        return cases.isEmpty();
    }
}
