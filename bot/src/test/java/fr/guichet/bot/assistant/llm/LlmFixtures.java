package fr.guichet.bot.assistant.llm;

import fr.guichet.bot.assistant.Answer;
import fr.guichet.bot.assistant.AnswerRequest;
import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.Profile;
import fr.guichet.knowledge.catalogue.Audience;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Session;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.catalogue.TrainingDetails;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Catalogue entries and requests shared by the LLM tests. */
final class LlmFixtures {

    static final LocalDate TODAY = LocalDate.of(2027, 1, 15);
    static final String QUESTION = "Je reprends la boulangerie de Mme Dupont à Béthune, quel financement ?";
    static final Answer FALLBACK = new Answer("RÉPONSE DES RÈGLES", List.of("fallback-id"), false, false);
    static final Answerer FALLBACK_ANSWERER = request -> FALLBACK;

    private LlmFixtures() {
    }

    /** A loan of 2 000 to 50 000 €, 0 % rate, with a percentage and a deadline in its text. */
    static Entry loan() {
        return new Entry(EntryKind.SCHEME, "pret-honneur-reprise", "Prêt d'honneur reprise",
                "Prêt personnel à taux 0 % pour renforcer les fonds propres du repreneur.",
                "Le prêt couvre jusqu'à 30 % du besoin de financement. Dossier à déposer avant le 30 juin 2027.",
                List.of(Theme.FINANCEMENT, Theme.REPRISE_TRANSMISSION),
                new Audience(List.of(Stage.TRANSMISSION_REPRISE), List.of(), List.of("Reprise d'une entreprise")),
                List.of("Béthune-Bruay"), "Initiative Artois", "Prêt sans intérêt ni garantie",
                new BigDecimal("2000"), new BigDecimal("50000"), "Contacter la plateforme au 03 21 00 00 00.",
                "https://www.initiative-artois.fr/pret", List.of("prêt"), null, null, null, null, null);
    }

    /** A grant whose description states 15000 € without a thousands separator. */
    static Entry grant() {
        return new Entry(EntryKind.SCHEME, "aide-investissement", "Aide à l'investissement des commerces",
                "Subvention pour moderniser un commerce de proximité.",
                "Subvention plafonnée à 15000 € par entreprise.", List.of(Theme.COMMERCE), Audience.ALL,
                List.of(), "Communauté d'agglomération", "Subvention", null, null, "Déposer un dossier en ligne.",
                "https://example.org/aide", List.of(), null, null, LocalDate.of(2027, 12, 31), null, null);
    }

    /** A training course with a price, a duration and one session past, one to come. */
    static Entry training() {
        TrainingDetails details = new TrainingDetails(new BigDecimal("14"), new BigDecimal("390.00"), "presentiel",
                List.of(new Session(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3), "Arras"),
                        new Session(LocalDate.of(2027, 3, 12), LocalDate.of(2027, 3, 13), "Béthune")),
                true, null, null);
        return new Entry(EntryKind.TRAINING, "formation-gestion", "Piloter sa trésorerie",
                "Deux jours pour construire son plan de trésorerie.", null, List.of(Theme.FORMATION), Audience.ALL,
                List.of(), "CCI", null, null, null, "S'inscrire en ligne.", "https://example.org/formation",
                List.of(), null, null, null, null, details);
    }

    static AnswerRequest request(Entry... entries) {
        return new AnswerRequest(QUESTION, List.of(entries),
                new Profile(Stage.TRANSMISSION_REPRISE, "boulangerie", "Béthune", 4), TODAY);
    }

    /** The JSON a well-behaved model would send. */
    static String json(String answer, List<String> cited, boolean complex) {
        StringBuilder ids = new StringBuilder();
        for (String id : cited) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(id).append('"');
        }
        return "{\"answer\": \"" + answer.replace("\"", "\\\"") + "\", \"cited\": [" + ids + "], \"complex\": "
                + complex + "}";
    }
}
