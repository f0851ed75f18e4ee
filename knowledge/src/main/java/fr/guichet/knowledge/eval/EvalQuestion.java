package fr.guichet.knowledge.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation question (JSON Lines format of catalogue-format.md). {@code domains} are the
 * theme codes of the advisers who would rightly take it, the preferred first; empty when
 * no handoff is expected. {@code catalogue} names the catalogue whose ids {@code relevant} holds
 * ("bundled" when the line names none, "mte" for the Mission Transition Écologique import), so
 * that one file can serve several catalogues.
 */
public record EvalQuestion(String id, String question, List<String> relevant, boolean handoff, List<String> domains,
                           String catalogue) {

    /** The catalogue a question's ids belong to when its line names none. */
    public static final String BUNDLED = "bundled";

    public EvalQuestion {
        relevant = List.copyOf(relevant);
        domains = List.copyOf(domains);
        catalogue = catalogue == null || catalogue.isBlank() ? BUNDLED : catalogue;
    }

    public EvalQuestion(String id, String question, List<String> relevant, boolean handoff, List<String> domains) {
        this(id, question, relevant, handoff, domains, BUNDLED);
    }

    /** The preferred domain, or null. */
    public String domain() {
        return domains.isEmpty() ? null : domains.get(0);
    }

    /** Reads a JSON Lines file; a bad line is an error naming the file and the line. */
    public static List<EvalQuestion> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<EvalQuestion> questions = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file.getFileName() + ": ligne " + (i + 1) + ": ";
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                throw new IOException(where + "JSON mal formé", e);
            }
            if (!node.hasNonNull("question")) {
                throw new IOException(where + "question: champ obligatoire manquant");
            }
            List<String> relevant = new ArrayList<>();
            node.path("relevant").forEach(r -> relevant.add(r.asText()));
            JsonNode domain = node.path("domain");
            if (!domain.isMissingNode() && !domain.isNull() && !domain.isTextual()
                    && !(domain.isArray() && domain.size() > 0 && allTextual(domain))) {
                throw new IOException(where + "domain: un code de thème, ou une liste non vide de codes");
            }
            List<String> domains = new ArrayList<>();
            if (domain.isTextual()) {
                domains.add(domain.asText());
            } else {
                domain.forEach(d -> domains.add(d.asText()));
            }
            questions.add(new EvalQuestion(node.path("id").asText("ligne-" + (i + 1)), node.get("question").asText(),
                    relevant, node.path("handoff").asBoolean(false), domains, node.path("catalogue").asText(BUNDLED)));
        }
        return questions;
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
