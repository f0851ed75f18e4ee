package fr.guichet.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Card;
import fr.guichet.bot.assistant.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plays labelled conversations through the assistant, turn by turn, and checks at each turn
 * the decision its writer expected: an answer (entries shown, one of the relevant ones among
 * them, of the kind asked), details about what was shown, a question back, an adviser of the
 * right domain, an apology for a rejected answer, or a polite close with nothing offered.
 * After an adviser is offered, the conversation goes on as if the person declined for now.
 */
public final class ConversationEvaluator {

    /** One turn of a labelled conversation and what it expects. */
    public record Turn(String user, String expect, List<String> domains, List<String> relevant, String kind) {
    }

    public record Conversation(String id, String catalogue, List<Turn> turns) {
    }

    /** A turn whose reply did not do what was expected, and why. */
    public record Failure(String conversation, int turn, String user, String expected, String why) {
    }

    public record Report(int conversations, int passedWhole, int checks, int passed, List<Failure> failures) {
        public double checkRate() {
            return checks == 0 ? 0 : (double) passed / checks;
        }
    }

    /** Reads a JSON Lines file of conversations; {@code catalogue} is "bundled" when the line names none. */
    public static List<Conversation> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Conversation> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = json.readTree(line);
            List<Turn> turns = new ArrayList<>();
            for (JsonNode t : c.path("turns")) {
                List<String> domains = new ArrayList<>();
                JsonNode d = t.path("domain");
                if (d.isTextual()) {
                    domains.add(d.asText());
                } else {
                    d.forEach(x -> domains.add(x.asText()));
                }
                List<String> relevant = new ArrayList<>();
                t.path("relevant").forEach(x -> relevant.add(x.asText()));
                turns.add(new Turn(t.path("user").asText(), t.path("expect").asText(), domains, relevant,
                        t.hasNonNull("kind") ? t.get("kind").asText() : null));
            }
            out.add(new Conversation(c.path("id").asText(), c.path("catalogue").asText("bundled"), turns));
        }
        return out;
    }

    public Report evaluate(Assistant assistant, List<Conversation> conversations) {
        int checks = 0;
        int passed = 0;
        int whole = 0;
        List<Failure> failures = new ArrayList<>();
        for (Conversation c : conversations) {
            boolean all = true;
            int n = 0;
            for (Turn t : c.turns()) {
                n++;
                Reply reply = assistant.handle("conv-" + c.id(), "user-" + c.id(), t.user());
                String why = check(t, reply);
                checks++;
                if (why == null) {
                    passed++;
                } else {
                    all = false;
                    failures.add(new Failure(c.id(), n, t.user(), t.expect()
                            + (t.domains().isEmpty() ? "" : " " + t.domains()), why));
                }
            }
            if (all) {
                whole++;
            }
        }
        return new Report(conversations.size(), whole, checks, passed, failures);
    }

    /** Null when the reply does what the turn expects, else what went wrong. */
    static String check(Turn t, Reply reply) {
        boolean handoff = reply.handoff().needed();
        List<String> shown = reply.cards().stream().map(Card::entryId).toList();
        String decided = handoff ? "conseiller " + (reply.handoff().domain() == null ? "?" : reply.handoff().domain().code())
                + " (" + reply.handoff().reason() + ")" : shown.isEmpty() ? "aucune fiche" : shown.size() + " fiches " + shown;
        return switch (t.expect()) {
            case "handoff" -> !handoff ? "pas de conseiller proposé : " + decided
                    : !t.domains().isEmpty() && !t.domains().contains(reply.handoff().domain().code()) ? "mauvais domaine : " + decided
                    : null;
            case "answer" -> handoff ? "conseiller proposé au lieu d'une réponse : " + decided
                    : shown.isEmpty() ? "aucune fiche montrée"
                    : !t.relevant().isEmpty() && shown.stream().noneMatch(Set.copyOf(t.relevant())::contains)
                            ? "aucune des fiches attendues " + t.relevant() + " : " + decided
                    : t.kind() != null && reply.cards().stream().noneMatch(card -> card.kind().equals(kindLabel(t.kind())))
                            ? "pas de fiche du type demandé (" + t.kind() + ") : " + decided
                    : null;
            case "details" -> handoff ? "conseiller proposé au lieu des détails : " + decided
                    : shown.isEmpty() ? "aucune fiche détaillée" : null;
            case "clarify" -> handoff || !shown.isEmpty() ? "pas de question en retour : " + decided
                    : !reply.text().contains("?") ? "pas de question en retour" : null;
            case "feedback" -> handoff ? "conseiller proposé dès le premier rejet : " + decided
                    : !shown.isEmpty() ? "des fiches au lieu d'excuses : " + decided : null;
            case "close" -> handoff || !shown.isEmpty() ? "pas une clôture polie : " + decided : null;
            default -> "attente inconnue : " + t.expect();
        };
    }

    /** The label a card carries for a kind code ("scheme" → "dispositif"). */
    private static String kindLabel(String kind) {
        return "training".equals(kind) ? "formation" : "dispositif";
    }
}
