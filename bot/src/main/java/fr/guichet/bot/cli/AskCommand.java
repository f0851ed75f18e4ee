package fr.guichet.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.Hit;
import fr.guichet.knowledge.search.SearchRequest;
import fr.guichet.knowledge.search.SearchResult;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** {@code ask [--catalogue DIR] [--kind scheme|training] [--theme CODE] [--json] "question"}. */
public final class AskCommand implements Command {
    @Override
    public String name() {
        return "ask";
    }

    @Override
    public String usage() {
        return "ask [--catalogue DIR] [--kind scheme|training] [--theme CODE] [--limit N] [--json] \"question\"";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("json"), Set.of("catalogue", "kind", "theme", "limit"));
        String question = String.join(" ", args.positional()).strip();
        if (question.isEmpty()) {
            throw new Args.UsageException("posez une question, par exemple : ./guichet ask \"aide pour créer ma boîte\"");
        }
        SearchRequest request = SearchRequest.of(question);
        if (args.get("kind") != null) {
            request = request.withKind(EntryKind.fromCode(args.get("kind")).orElseThrow(
                    () -> new Args.UsageException("--kind attend scheme ou training")));
        }
        if (args.get("theme") != null) {
            request = request.withTheme(Theme.fromCode(args.get("theme")).orElseThrow(
                    () -> new Args.UsageException("--theme : code de thème inconnu « " + args.get("theme") + " »")));
        }
        if (args.get("limit") != null) {
            request = request.withLimit(args.integer("limit", 1, 100, 10));
        }
        var dir = args.catalogue();
        var opened = CatalogueCommands.open(dir, Clock.systemDefaultZone());
        if (!CatalogueCommands.report(opened, dir, err)) {
            return CatalogueCommands.REFUSED;
        }
        SearchResult result = opened.index().search(request);
        if (args.flag("json")) {
            out.println(toJson(result));
        } else {
            print(result, out);
        }
        return 0;
    }

    private static void print(SearchResult result, PrintStream out) {
        result.place().ifPresent(p -> out.println("Territoire compris : " + p.name()));
        if (result.hits().isEmpty()) {
            out.println("Aucune entrée du catalogue ne correspond à cette question.");
            return;
        }
        int rank = 1;
        for (Hit hit : result.hits()) {
            var e = hit.entry();
            out.printf("%d. %s (%s, %s) — confiance %.2f%n", rank++, e.title(), e.kind().label(), e.id(), hit.confidence());
            out.println("   Pourquoi : " + (hit.matchedWords().isEmpty() ? "filtres seulement"
                    : "mots « " + String.join(" », « ", hit.matchedWords()) + " »"));
            if (e.url() != null) {
                out.println("   " + e.url());
            }
        }
    }

    private static String toJson(SearchResult result) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("place", result.place().map(p -> p.name()).orElse(null));
        ArrayNode hits = root.putArray("hits");
        for (Hit hit : result.hits()) {
            ObjectNode h = hits.addObject();
            h.put("id", hit.entry().id());
            h.put("kind", hit.entry().kind().code());
            h.put("title", hit.entry().title());
            h.put("score", hit.score());
            h.put("confidence", hit.confidence());
            ArrayNode words = h.putArray("matched");
            hit.matchedWords().forEach(words::add);
            h.put("url", hit.entry().url());
        }
        return json.writeValueAsString(root);
    }
}
