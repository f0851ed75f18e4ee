package fr.guichet.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Card;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.ops.CatalogueSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue changes while Guichet runs: staff edit its files, and the running assistant
 * answers from the new one, or from the last good one when the change is broken.
 */
class RuntimeCatalogueReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A word no entry of the bundled catalogue has: only the edited entry answers it. */
    private static final String WORD = "zorblaxine";
    private static final String QUESTION = "C'est quoi le " + WORD + " ?";

    @TempDir
    Path tmp;
    Path catalogue;
    Application app;
    Assistant assistant;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        catalogue = RuntimeFixtures.catalogueCopy(tmp.resolve("catalogue"));
        app = RuntimeFixtures.start(RuntimeFixtures.settings(catalogue, tmp.resolve("data"), Optional.empty()), err);
        assistant = app.assistant(AdviserNotifier.NONE);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static boolean shows(Reply reply, String entryId) {
        return reply.cards().stream().map(Card::entryId).anyMatch(entryId::equals);
    }

    @Test
    void anEntryEditedUnderARunningAssistantIsSeenByTheNextQuestion() throws Exception {
        CatalogueSnapshot before = app.catalogue().snapshot();
        assertFalse(shows(assistant.handle("c1", "u1", QUESTION), "acre"), "no entry says " + WORD + " yet");

        RuntimeFixtures.save(catalogue.resolve("schemes.json"), RuntimeFixtures.withWordInTitle(catalogue, "acre", WORD));

        assertTrue(RuntimeFixtures.await(() -> app.catalogue().snapshot() != before, WAIT), "reloaded by itself");
        assertTrue(shows(assistant.handle("c2", "u2", QUESTION), "acre"), "the next question sees the edited entry");
        assertEquals(before.entries(), app.catalogue().snapshot().entries());
        assertTrue(app.metrics().scrape().contains("guichet_catalogue_reloads_total{application=\"guichet\",result=\"served\"} 1.0"),
                app.metrics().scrape());
    }

    @Test
    void aBrokenFileKeepsTheLastGoodCatalogueIsReportedOnceAndItsFixIsPickedUp() throws Exception {
        List<List<String>> reported = new CopyOnWriteArrayList<>();
        app.onCatalogueRefused(reported::add);
        CatalogueSnapshot good = app.catalogue().snapshot();
        Path schemes = catalogue.resolve("schemes.json");
        String broken = Files.readString(schemes).substring(0, 5_000); // a save cut short

        RuntimeFixtures.save(schemes, broken);
        assertTrue(RuntimeFixtures.await(() -> !reported.isEmpty(), WAIT), "the problem is reported");
        assertSame(good, app.catalogue().snapshot(), "the last good catalogue is still served");
        assertTrue(reported.get(0).stream().anyMatch(p -> p.contains("schemes.json")), reported.toString());
        Reply answered = assistant.handle("c1", "u1", "pret d'honneur pour creer mon entreprise a bethune");
        assertFalse(answered.cards().isEmpty(), "answers go on from the old catalogue");

        // the same broken content saved again (a new file for the watcher): no second report of the same problems
        RuntimeFixtures.save(schemes, broken);
        Thread.sleep(1_500);
        assertEquals(1, reported.size(), reported.toString());

        RuntimeFixtures.save(schemes, RuntimeFixtures.withWordInTitle(catalogue, "acre", WORD));
        assertTrue(RuntimeFixtures.await(() -> app.catalogue().snapshot() != good, WAIT), "the fix is picked up");
        assertTrue(shows(assistant.handle("c2", "u2", QUESTION), "acre"));
        String metrics = app.metrics().scrape();
        assertTrue(metrics.contains("guichet_catalogue_reloads_total{application=\"guichet\",result=\"refused\"} 1.0"), metrics);
    }

    /**
     * Eight conversations ask without pause while the catalogue is swapped twenty times: every
     * question is answered, with entries, from one catalogue or the other.
     */
    @Test
    void manyQuestionsDuringSwapsNoneFails() throws Exception {
        String edited = RuntimeFixtures.withWordInTitle(catalogue, "acre", WORD);
        String original = Files.readString(catalogue.resolve("schemes.json"));
        List<String> questions = List.of("pret d'honneur pour creer mon entreprise a bethune",
                "formation hygiene alimentaire pour ouvrir un restaurant", "aide pour embaucher un apprenti");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Future<?>> askers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int asker = t;
            askers.add(pool.submit(() -> {
                for (int n = 0; swapping.get() || n < 3; n++) {
                    String q = questions.get((asker + n) % questions.size());
                    try {
                        Reply r = assistant.handle("swap-" + asker + "-" + n, "u" + asker, q);
                        if (r.cards().isEmpty()) {
                            failures.add("no entry for « " + q + " »: " + r.text());
                        }
                        answered.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try {
            for (int swap = 0; swap < 20; swap++) {
                RuntimeFixtures.save(catalogue.resolve("schemes.json"), swap % 2 == 0 ? edited : original);
                assertTrue(app.reloader().reload(), "swap " + swap);
            }
        } finally {
            swapping.set(false);
            for (Future<?> f : askers) {
                f.get();
            }
            pool.shutdown();
        }
        assertEquals(List.of(), failures);
        assertTrue(answered.get() >= 24, "answered: " + answered.get());
        assertNotSame(null, app.catalogue().snapshot());
    }
}
