package fr.guichet.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.knowledge.eval.EvalQuestion;
import fr.guichet.knowledge.eval.RetrievalEvaluator;
import fr.guichet.knowledge.eval.RetrievalReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code eval --catalogue DIR (--questions FILE | --conversations FILE) [--tag bundled|mte] [--as-of YYYY-MM-DD] [--json]}:
 * retrieval and handoff figures on single questions, or the checks of labelled conversations
 * played turn by turn. {@code --tag} keeps the lines whose {@code catalogue} field names it
 * (lines naming none are "bundled").
 */
public final class EvalCommand implements Command {
    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String usage() {
        return "eval --catalogue DIR (--questions FICHIER | --conversations FICHIER) [--tag bundled|mte] [--as-of AAAA-MM-JJ] [--json]"
                + "   mesure la recherche, le passage au conseiller, les conversations";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("json"), Set.of("catalogue", "questions", "conversations", "as-of", "tag"))
                .noPositional();
        String tag = args.get("tag", EvalQuestion.BUNDLED);
        if ((args.get("questions") == null) == (args.get("conversations") == null)) {
            throw new Args.UsageException("eval attend --questions FICHIER ou --conversations FICHIER (l'un des deux)");
        }
        Clock clock = Clock.systemDefaultZone();
        if (args.get("as-of") != null) {
            try {
                LocalDate day = LocalDate.parse(args.get("as-of"));
                clock = Clock.fixed(day.atStartOfDay(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault());
            } catch (DateTimeParseException e) {
                throw new Args.UsageException("--as-of attend une date AAAA-MM-JJ, reçu « " + args.get("as-of") + " »");
            }
        }
        var dir = args.catalogue();
        var opened = CatalogueCommands.open(dir, clock);
        if (!CatalogueCommands.report(opened, dir, err)) {
            return CatalogueCommands.REFUSED;
        }
        if (args.get("conversations") != null) {
            List<ConversationEvaluator.Conversation> conversations = ConversationEvaluator.read(Path.of(args.get("conversations")))
                    .stream().filter(c -> c.catalogue().equals(tag)).toList();
            ConversationEvaluator.Report r = new ConversationEvaluator().evaluate(
                    Wiring.dryRunAssistant(opened.catalogue(), opened.index(), clock), conversations);
            print(r, out);
            return 0;
        }
        List<EvalQuestion> questions = EvalQuestion.read(Path.of(args.get("questions"))).stream()
                .filter(q -> q.catalogue().equals(tag)).toList();
        RetrievalReport report = new RetrievalEvaluator().evaluate(opened.index(), questions);
        HandoffEvaluator.Report handoff = new HandoffEvaluator().evaluate(
                Wiring.dryRunAssistant(opened.catalogue(), opened.index(), clock), questions);
        if (args.flag("json")) {
            ObjectNode root = toJsonNode(report);
            root.put("handoff_precision", round(handoff.precision()));
            root.put("handoff_recall", round(handoff.recall()));
            root.put("routing_accuracy", round(handoff.routingAccuracy()));
            ArrayNode mistakes = root.putArray("handoff_mistakes");
            for (HandoffEvaluator.Mistake m : handoff.mistakes()) {
                mistakes.addObject().put("id", m.id()).put("expected", m.expected()).put("decided", m.decided())
                        .put("reason", m.reason());
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } else {
            print(report, out);
            print(handoff, out);
        }
        return 0;
    }

    static ObjectNode toJsonNode(RetrievalReport r) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("questions", r.questions());
        root.put("recall_at_1", round(r.recallAt1()));
        root.put("recall_at_3", round(r.recallAt3()));
        root.put("recall_at_5", round(r.recallAt5()));
        root.put("recall_at_10", round(r.recallAt10()));
        root.put("mrr_at_10", round(r.mrrAt10()));
        root.put("ndcg_at_10", round(r.ndcgAt10()));
        root.put("latency_p50_ms", round(r.latencyP50Ms()));
        root.put("latency_p99_ms", round(r.latencyP99Ms()));
        ArrayNode misses = root.putArray("misses");
        for (RetrievalReport.Miss m : r.misses()) {
            ObjectNode miss = misses.addObject();
            miss.put("id", m.id());
            miss.put("question", m.question());
            m.missing().forEach(miss.putArray("missing")::add);
            m.top5().forEach(miss.putArray("top5")::add);
        }
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static void print(HandoffEvaluator.Report h, PrintStream out) {
        out.println();
        out.printf("handoff precision  %.3f   (%d vrais, %d faux positifs)%n", h.precision(), h.truePositives(), h.falsePositives());
        out.printf("handoff recall     %.3f   (%d manqués)%n", h.recall(), h.falseNegatives());
        out.printf("routing accuracy   %.3f%n", h.routingAccuracy());
        for (HandoffEvaluator.Mistake m : h.mistakes()) {
            out.printf("  %s  attendu %s, décidé %s%s : %s%n", m.id(), m.expected(), m.decided(),
                    m.reason() == null ? "" : " (" + m.reason() + ")", m.question());
        }
    }

    private static void print(ConversationEvaluator.Report r, PrintStream out) {
        out.printf("conversations   %d (%d réussies en entier)%n", r.conversations(), r.passedWhole());
        out.printf("vérifications   %d/%d = %.3f%n", r.passed(), r.checks(), r.checkRate());
        for (ConversationEvaluator.Failure f : r.failures()) {
            out.printf("  %s tour %d  attendu %s : %s%n      « %s »%n", f.conversation(), f.turn(), f.expected(), f.why(),
                    f.user());
        }
    }

    private static void print(RetrievalReport r, PrintStream out) {
        out.printf("questions       %d%n", r.questions());
        out.printf("recall@1        %.3f%n", r.recallAt1());
        out.printf("recall@3        %.3f%n", r.recallAt3());
        out.printf("recall@5        %.3f%n", r.recallAt5());
        out.printf("recall@10       %.3f%n", r.recallAt10());
        out.printf("MRR@10          %.3f%n", r.mrrAt10());
        out.printf("nDCG@10         %.3f%n", r.ndcgAt10());
        out.printf("latence p50     %.2f ms%n", r.latencyP50Ms());
        out.printf("latence p99     %.2f ms%n", r.latencyP99Ms());
        if (!r.misses().isEmpty()) {
            out.println();
            out.println("Manqués dans les 5 premiers (" + r.misses().size() + ") :");
            for (RetrievalReport.Miss m : r.misses()) {
                out.printf("  %s  %s%n      manque %s ; top 5 %s%n", m.id(), m.question(), m.missing(), m.top5());
            }
        }
    }
}
