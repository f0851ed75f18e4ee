package fr.guichet.bot.assistant;

import fr.guichet.bot.handoff.HandoffJudge;
import fr.guichet.bot.handoff.Situation;
import fr.guichet.bot.handoff.SituationModel;
import fr.guichet.knowledge.search.KindWords;
import fr.guichet.knowledge.text.Amounts;
import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Places;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Reads a message with the conversation before it: what the entrepreneur does (asks, adds a
 * detail, switches between aids and trainings, thanks, rejects the answer, asks about what was
 * shown, needs a person) and what to look for in the catalogue.
 */
final class TurnReader {

    /** What a turn does. */
    enum Act {
        /** A greeting alone: greet and ask about the need. */
        GREET,
        /** Too vague to search: ask about the need. */
        CLARIFY,
        /** Thanks or goodbye: close politely. */
        CLOSE,
        /** The last answer did not help. */
        REJECT,
        /** About the entries just shown: price, dates, how to apply. */
        DETAILS,
        /** Look in the catalogue, then decide whether a person is needed. */
        SEARCH
    }

    /**
     * A turn read: its act; the words to search (the need so far when the turn continues it); whether
     * it continues the need; the situation scores.
     */
    record Turn(Act act, String search, boolean continues, boolean detailOnly, SituationModel.Scores scores,
                String needAndMessage) {

        /** A short message after a need, which may add to it or start another: the search decides (Assistant). */
        boolean mayContinue() {
            return needAndMessage != null;
        }

        /** The turn read as adding to the need after all. */
        Turn continuing() {
            return new Turn(act, needAndMessage, true, detailOnly, scores, null);
        }
    }

    /** How a message that only adds to the need starts: « et pour… », « aussi… », « sinon… ». */
    private static final Set<String> CONNECTIVES = Set.of("et", "aussi", "sinon", "pareil", "idem", "meme", "ensuite",
            "puis", "plutot", "maintenant");
    /** At most this many words of its own, beside the details it gives, and a message only refines the need. */
    private static final int DETAIL_ONLY_WORDS = 2;
    /** A message of at most this many words of its own may only add to the need: the catalogue tells. */
    private static final int SHORT = 3;
    private static final Analyzer CONTENT = FrenchAnalysis.index();
    /** How probable the model must find a greeting, a thank-you, a rejection… to answer it as such. */
    private static final double SURE = 0.5;
    private static final double SURE_AFTER_AN_ANSWER = 0.3;
    /** Turns that react to the last reply rather than ask: « ça ne m'aide pas », « merci ». */
    private static final Set<Situation> REACTIONS = Set.of(Situation.REJECTION, Situation.THANKS_BYE, Situation.GREETING);

    private final HandoffJudge judge;

    TurnReader(HandoffJudge judge) {
        this.judge = judge;
    }

    Turn read(Conversation c, String text, Profile told) {
        SituationModel.Scores scores = judge.read(text);
        boolean hasNeed = c.topic != null;
        List<String> own = contentWords(text);
        boolean detailOnly = hasNeed && (!told.isEmpty() || !Amounts.in(text).isEmpty()) && own.size() <= DETAIL_ONLY_WORDS;
        boolean kindSwitch = hasNeed && KindWords.named(text) && contentWords(KindWords.without(text)).size() <= 1
                && !REACTIONS.contains(scores.best());
        List<String> words = FrenchText.words(text);
        boolean connective = hasNeed && !words.isEmpty() && CONNECTIVES.contains(words.get(0));
        boolean continues = detailOnly || kindSwitch || connective;
        // "on est 4 salariés", "j'ai 24 ans": the sizes go to the profile, not into the words searched
        String search = continues ? needWithout(c.topic, text) + " " + (detailOnly ? withoutSizes(text) : text) : text;
        String maybeNeed = hasNeed && !continues && own.size() <= SHORT ? needWithout(c.topic, text) + " " + text : null;

        if (continues || judge.mayNeedAdviser(text, scores)) {
            // a turn that only adds a detail is searched with the need; whether it needs a person is decided then
            return new Turn(Act.SEARCH, search, continues, detailOnly, scores, maybeNeed);
        }
        // an act other than a search needs the model to be sure of it: gibberish is searched, then found wanting
        // a rejection means something only after an answer: there, the model need not be as sure of it
        double sure = scores.best() == Situation.REJECTION && (!c.lastEntries.isEmpty() || c.rejections > 0)
                ? SURE_AFTER_AN_ANSWER : SURE;
        Act act = scores.of(scores.best()) < sure ? Act.SEARCH : switch (scores.best()) {
            case THANKS_BYE -> Act.CLOSE;
            case GREETING -> Act.GREET;
            case REJECTION -> c.turns.size() > 1 ? Act.REJECT : Act.CLARIFY;
            case DETAILS -> c.lastEntries.isEmpty() ? Act.SEARCH : Act.DETAILS;
            case VAGUE -> hasNeed ? Act.SEARCH : Act.CLARIFY;
            default -> Act.SEARCH;
        };
        // "ya des aides ?" after a need: the need, with the kind it asks for
        boolean vagueFollowUp = act == Act.SEARCH && hasNeed && scores.best() == Situation.VAGUE;
        return new Turn(act, vagueFollowUp ? needWithout(c.topic, text) + " " + text : search, vagueFollowUp, false, scores,
                vagueFollowUp ? null : maybeNeed);
    }

    /** A number and the word after it ("4 salariés", "24 ans", "25 000 €"): a size, not a need. */
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("\\d[\\d  .,]*\\s*[\\p{L}€]*");

    static String withoutSizes(String text) {
        return SIZE.matcher(text).replaceAll(" ");
    }

    /** "et des formations ?" after "ya des aides ?": the need stays, the kind asked for changes. */
    private static String needWithout(String topic, String message) {
        return KindWords.named(message) ? KindWords.without(topic) : topic;
    }

    /** The words of a message that say something of a need: no stop words, numbers or place names. */
    static List<String> contentWords(String text) {
        Set<String> placeWords = Places.get().mentionIn(text).map(Places.Mention::words).orElse(Set.of());
        String withoutPlace = String.join(" ", FrenchText.words(text).stream().filter(w -> !placeWords.contains(w)).toList());
        List<String> out = new ArrayList<>();
        for (String t : FrenchAnalysis.terms(CONTENT, withoutPlace)) {
            if (!Character.isDigit(t.charAt(0))) { // "12", "20k", "1m2": sizes and sums, details of the need
                out.add(t);
            }
        }
        return out;
    }
}
