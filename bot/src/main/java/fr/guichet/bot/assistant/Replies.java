package fr.guichet.bot.assistant;

import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.HandoffDecision;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.text.FrenchText;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The assistant's own words, in French: everything it says that does not come from an entry. */
final class Replies {
    private Replies() {
    }

    static final String EMPTY = "Posez-moi votre question : par exemple « je veux créer un commerce à Béthune, quelles aides ? »";
    static final String HELLO = "Bonjour ! Je vous oriente vers les aides et les formations utiles à votre entreprise. ";
    static final String CLOSE = "Avec plaisir ! Bonne continuation dans votre projet. Revenez quand vous voulez si vous avez"
            + " une autre question.";
    static final String NEAREST = "Je n'ai pas de réponse exacte à votre question dans le catalogue ; voici ce qui s'en"
            + " rapproche le plus. Un conseiller peut aussi vous répondre.\n\n";

    static String tooLong(int length, int max) {
        return "Votre message est trop long (" + length + " caractères, " + max + " au plus)."
                + " Pouvez-vous le résumer en quelques phrases ?";
    }

    /** What to ask when the need is not clear yet: the stage first, then the sector and the place. */
    static String clarifyingQuestion(Profile profile) {
        if (profile.stage() == null) {
            return "Pour bien vous orienter : où en êtes-vous ? Une idée ou un projet, une création en cours, "
                    + "une entreprise de moins de 3 ans, une entreprise qui se développe, une reprise ?";
        }
        if (profile.sector() == null || profile.place() == null) {
            return "Dans quel secteur êtes-vous (commerce, artisanat, restauration, industrie, services, transport…) "
                    + "et dans quelle commune ? Et que cherchez-vous : un financement, un accompagnement, une formation ?";
        }
        return "Que cherchez-vous exactement : un financement, un accompagnement, un local, une formation ?";
    }

    /** A first « ce n'est pas ça »: sorry, and what would help find better. */
    static String rejected() {
        return "Désolé, ce n'était pas ce que vous cherchiez. Pouvez-vous me dire en quelques mots ce qui vous manque"
                + " (le type d'aide, votre situation, votre commune) ? Je chercherai mieux.";
    }

    /** The offer of an adviser, saying why, who, and when they will call back. */
    static String proposal(HandoffDecision decision, AdviserRouter.Routing routing, String contactDelay) {
        Adviser adviser = routing.adviser();
        String why = switch (decision.reason()) {
            case EXPLICIT_REQUEST -> "Je peux transmettre votre demande à un conseiller.";
            case NO_ANSWER -> "Je n'ai rien trouvé de sûr dans le catalogue pour cette question : il n'y répond pas."
                    + " Un conseiller peut vous répondre.";
            case UNHELPFUL_ANSWERS -> "Un conseiller pourra mieux vous répondre.";
            default -> "Votre situation mérite l'attention d'un conseiller (" + decision.reason().label()
                    + (decision.detail() != null && decision.reason() != fr.guichet.bot.handoff.HandoffReason.LARGE_PROJECT
                    ? " : " + decision.detail() : "") + ").";
        };
        // when every adviser of the domain is away, the usual delay is not promised
        return why + " " + adviser.name() + ", " + adviser.role() + routing.delayNotice()
                .map(notice -> ", peut reprendre votre demande. " + notice)
                .orElse(", peut vous recontacter " + contactDelay + ".") + " Voulez-vous lui transmettre votre demande ?";
    }

    static String caseOpened(AdviserRouter.Routing routing, String contactDelay, String reference) {
        Adviser adviser = routing.adviser();
        return "C'est transmis. " + adviser.name() + ", " + adviser.role() + routing.delayNotice()
                .map(notice -> ", a votre demande. " + notice)
                .orElse(", vous recontactera " + contactDelay + ".") + " Référence de votre demande : " + reference + ".";
    }

    /** The price, dates or steps of the entries just shown, as a follow-up asks for them. */
    static String details(List<Entry> shown, String message, LocalDate today) {
        boolean how = asksHowToApply(message);
        StringBuilder text = new StringBuilder();
        for (Entry e : shown) {
            text.append(text.isEmpty() ? "" : "\n").append("• ").append(e.title()).append(" : ");
            if (how) {
                text.append(e.howToApply() != null ? Cards.firstSentences(e.howToApply(), 300)
                        : "les démarches ne sont pas précisées dans le catalogue");
                if (e.url() != null) {
                    text.append(" ").append(e.url());
                }
            } else if (e.kind() == EntryKind.TRAINING) {
                text.append(Cards.trainingFacts(e, today));
            } else {
                text.append(e.benefit() != null ? Cards.firstSentences(e.benefit(), 300)
                        : "le catalogue ne précise pas de montant");
                if (e.howToApply() != null) {
                    text.append(" Démarches : ").append(Cards.firstSentences(e.howToApply(), 200));
                }
            }
        }
        return text.toString();
    }

    /** « comment on s'inscrit ? », « où faire la demande ? », « le lien ? »: the steps, not the price. */
    private static boolean asksHowToApply(String message) {
        for (String w : FrenchText.words(message)) {
            if (w.startsWith("inscri") || w.startsWith("postul") || w.startsWith("candidat") || w.equals("demande")
                    || w.equals("demander") || w.equals("lien") || w.equals("site") || w.equals("comment")
                    || w.equals("ou") || w.startsWith("dossier")) {
                return true;
            }
        }
        return false;
    }

    /** Up to three follow-ups to offer under an answer. */
    static List<String> suggestions(List<Entry> shown) {
        List<String> s = new ArrayList<>();
        if (!shown.isEmpty()) {
            s.add(shown.get(0).kind() == EntryKind.TRAINING ? "C'est combien et quand ?" : "Comment en bénéficier ?");
            if (shown.stream().noneMatch(e -> e.kind() == EntryKind.TRAINING)) {
                s.add("Y a-t-il une formation sur ce sujet ?");
            }
        }
        s.add("Parler à un conseiller");
        return s.subList(0, Math.min(3, s.size()));
    }
}
