package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.cli.ConversationEvaluator;
import fr.guichet.bot.cli.HandoffEvaluator;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import fr.guichet.knowledge.eval.EvalQuestion;
import fr.guichet.knowledge.eval.RetrievalEvaluator;
import fr.guichet.knowledge.eval.RetrievalReport;
import fr.guichet.knowledge.importer.MteImporter;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression guard, not a target: the handoff judgement, the routing, the retrieval and the
 * conversations on the validation splits (never used to train, nor to tune) stay above floors
 * set a little under what was measured when they were set (docs/benchmarks.md, "Handoff").
 * A change that lowers one of them must say why, and move the floor in the same commit.
 */
class HandoffValidationTest {
    private static final Path HANDOFF = Path.of("src/test/resources/handoff");
    private static final Path EVAL = Path.of("../knowledge/src/test/resources/eval");
    private static final Path MTE_PROGRAMMES = shared().resolve("data/mission-transition-ecologique/programs");

    @TempDir
    static Path tmp;

    /** ../shared, or where the build says it is (the parent POM's guichet.shared). */
    private static Path shared() {
        String property = System.getProperty("guichet.shared");
        return property != null && !property.isBlank() ? Path.of(property) : Path.of("../../shared");
    }

    private static List<EvalQuestion> questions(Path file, String catalogue) throws IOException {
        return EvalQuestion.read(file).stream().filter(q -> q.catalogue().equals(catalogue)).toList();
    }

    private static void atLeast(double floor, double measured, String what) {
        System.out.printf("[validation] %-55s %.3f (floor %.2f)%n", what, measured, floor);
        assertTrue(measured >= floor, what + ": " + measured + " < " + floor);
    }

    @Test
    void theCorpusValidationSplitOnTheBundledCatalogue() throws IOException {
        Assistant assistant = Wiring.dryRunAssistant(TestAssistants.catalogue(), TestAssistants.index(),
                Clock.systemDefaultZone());
        HandoffEvaluator.Report r = new HandoffEvaluator().evaluate(assistant,
                questions(HANDOFF.resolve("messages-validation.jsonl"), EvalQuestion.BUNDLED));
        atLeast(0.88, r.precision(), "corpus validation, bundled: handoff precision");
        atLeast(0.84, r.recall(), "corpus validation, bundled: handoff recall");
        atLeast(0.80, r.routingAccuracy(), "corpus validation, bundled: routing");
    }

    @Test
    void theProjectsValidationQuestionsOnTheBundledCatalogue() throws IOException {
        List<EvalQuestion> qs = questions(EVAL.resolve("catalogue-validation.jsonl"), EvalQuestion.BUNDLED);
        RetrievalReport retrieval = new RetrievalEvaluator().evaluate(TestAssistants.index(), qs);
        atLeast(0.85, retrieval.recallAt5(), "catalogue-validation: recall@5");
        atLeast(0.83, retrieval.mrrAt10(), "catalogue-validation: MRR@10");
        HandoffEvaluator.Report r = new HandoffEvaluator().evaluate(
                Wiring.dryRunAssistant(TestAssistants.catalogue(), TestAssistants.index(), Clock.systemDefaultZone()), qs);
        atLeast(0.82, r.precision(), "catalogue-validation: handoff precision");
        atLeast(0.90, r.recall(), "catalogue-validation: handoff recall");
    }

    @Test
    void theValidationConversationsOnTheBundledCatalogue() throws IOException {
        List<ConversationEvaluator.Conversation> conversations = ConversationEvaluator
                .read(HANDOFF.resolve("conversations-validation.jsonl")).stream()
                .filter(c -> c.catalogue().equals(EvalQuestion.BUNDLED)).toList();
        ConversationEvaluator.Report r = new ConversationEvaluator().evaluate(
                Wiring.dryRunAssistant(TestAssistants.catalogue(), TestAssistants.index(), Clock.systemDefaultZone()),
                conversations);
        atLeast(0.65, r.checkRate(), "validation conversations, bundled: checks passed");
    }

    @Test
    void theMissionTransitionEcologiqueCatalogueWithItsHome() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(MTE_PROGRAMMES),
                "../shared/data/mission-transition-ecologique absent: test skipped outside the workplace");
        Path dir = tmp.resolve("mte");
        new MteImporter().importDirectory(MTE_PROGRAMMES, dir, "Hauts-de-France");
        Clock day = Clock.fixed(LocalDate.of(2026, 6, 12).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant(),
                ZoneId.of("Europe/Paris"));
        Catalogue mte = new CatalogueLoader().load(dir).catalogue();
        CatalogueIndex index = CatalogueIndex.build(mte, day);
        RetrievalReport retrieval = new RetrievalEvaluator().evaluate(index,
                questions(EVAL.resolve("mte-validation.jsonl"), EvalQuestion.BUNDLED));
        atLeast(0.80, retrieval.recallAt5(), "mte-validation: recall@5");
        HandoffEvaluator.Report r = new HandoffEvaluator().evaluate(Wiring.dryRunAssistant(mte, index, day),
                questions(HANDOFF.resolve("messages-validation.jsonl"), "mte"));
        atLeast(0.85, r.precision(), "corpus validation, MTE: handoff precision");
        atLeast(0.80, r.recall(), "corpus validation, MTE: handoff recall");
        atLeast(0.80, r.routingAccuracy(), "corpus validation, MTE: routing");
    }
}
