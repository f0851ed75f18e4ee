package fr.guichet.bot.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.guichet.knowledge.catalogue.Theme;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of the labelled corpus: what an entrepreneur wrote and the situation it shows,
 * labelled by people who never saw Guichet's rules. Conversations add their turns whose
 * expected reply tells the situation: a rejection, a thank-you, a question about what was shown.
 */
public record LabelledMessage(String id, String text, Situation situation, List<Theme> domains) {

    public LabelledMessage {
        domains = List.copyOf(domains);
    }

    public LabelledMessage(String id, String text, Situation situation) {
        this(id, text, situation, List.of());
    }

    /** The training corpus, in the application's resources. */
    public static final String TRAIN_MESSAGES = "/guichet/handoff/messages-train.jsonl";
    public static final String TRAIN_CONVERSATIONS = "/guichet/handoff/conversations-train.jsonl";

    /** The training corpus: its single messages and the telling turns of its conversations. */
    public static List<LabelledMessage> trainingCorpus() {
        List<LabelledMessage> all = new ArrayList<>(readMessages(resource(TRAIN_MESSAGES)));
        all.addAll(readConversationTurns(resource(TRAIN_CONVERSATIONS)));
        return all;
    }

    private static InputStream resource(String name) {
        InputStream in = LabelledMessage.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource missing: " + name);
        }
        return in;
    }

    /** Single messages: {"id", "question", "situation", …} per line. */
    public static List<LabelledMessage> readMessages(InputStream in) {
        List<LabelledMessage> out = new ArrayList<>();
        for (JsonNode node : lines(in)) {
            String code = node.path("situation").asText();
            Situation situation = Situation.fromCode(code)
                    .orElseThrow(() -> new IllegalArgumentException(node.path("id").asText() + ": situation inconnue " + code));
            List<Theme> domains = new ArrayList<>();
            JsonNode domain = node.path("domain");
            (domain.isArray() ? domain : List.of(domain)).forEach(d -> Theme.fromCode(d.asText()).ifPresent(domains::add));
            out.add(new LabelledMessage(node.path("id").asText(), node.path("question").asText(), situation, domains));
        }
        return out;
    }

    /**
     * The turns of conversations whose expected reply names their situation alone: a rejection
     * ("feedback"), a thank-you or goodbye ("close"), a question about the entries shown ("details").
     */
    public static List<LabelledMessage> readConversationTurns(InputStream in) {
        List<LabelledMessage> out = new ArrayList<>();
        for (JsonNode conversation : lines(in)) {
            int n = 0;
            for (JsonNode turn : conversation.path("turns")) {
                n++;
                Situation situation = switch (turn.path("expect").asText()) {
                    case "feedback" -> Situation.REJECTION;
                    case "close" -> Situation.THANKS_BYE;
                    case "details" -> Situation.DETAILS;
                    default -> null;
                };
                if (situation != null) {
                    out.add(new LabelledMessage(conversation.path("id").asText() + "/" + n, turn.path("user").asText(), situation));
                }
            }
        }
        return out;
    }

    private static List<JsonNode> lines(InputStream in) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    nodes.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nodes;
    }
}
