package fr.guichet.bot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.RuntimeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reloader alone: what counts as a change, the quiet period, one report per problem. */
class RuntimeReloaderTest {
    @TempDir
    Path tmp;
    Path dir;
    LiveCatalogue live;
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    CatalogueReloader reloader;

    @BeforeEach
    void open() throws Exception {
        dir = RuntimeFixtures.catalogueCopy(tmp.resolve("catalogue"));
        live = new LiveCatalogue(CatalogueLoad.from(dir, RuntimeFixtures.CLOCK).snapshot());
        reloader = new CatalogueReloader(dir, RuntimeFixtures.CLOCK, live, scheduler, Duration.ofMillis(300),
                Duration.ofMillis(200), new CatalogueReloader.Listener() {
                    @Override
                    public void reloaded(CatalogueSnapshot next, CatalogueSnapshot previous, Duration took) {
                        served.incrementAndGet();
                    }

                    @Override
                    public void refused(List<String> errors, Duration took) {
                        refused.incrementAndGet();
                    }
                });
    }

    @AfterEach
    void close() {
        reloader.close();
        scheduler.shutdownNow();
    }

    @Test
    void aSaveInSeveralStepsIsOneReloadAfterTheQuietPeriod() throws Exception {
        reloader.start();
        Path synonyms = dir.resolve("synonyms.txt");
        String text = Files.readString(synonyms);
        for (int step = 0; step < 5; step++) { // an editor writing in several steps, 100 ms apart
            Files.writeString(synonyms, text + "\n# étape " + step + "\n");
            Thread.sleep(100);
        }
        assertTrue(RuntimeFixtures.await(() -> served.get() + refused.get() > 0, Duration.ofSeconds(10)),
                "served " + served + ", refused " + refused);
        Thread.sleep(1_000);
        assertEquals(1, served.get(), "one reload for the whole save");
        assertEquals(0, refused.get());
    }

    @Test
    void editorsSwapAndBackupFilesAreNoChange() throws Exception {
        reloader.start();
        Files.writeString(dir.resolve(".schemes.json.swp"), "swap");
        Files.writeString(dir.resolve("schemes.json~"), "backup");
        Files.writeString(dir.resolve("4913"), "vim's probe");
        Thread.sleep(1_200); // past the quiet period and several polls
        assertEquals(0, served.get() + refused.get());
    }

    @Test
    void theSameProblemsAreReportedOnceAndANewOneAgain() throws Exception {
        Path advisers = dir.resolve("advisers.json");
        Files.writeString(advisers, "[");
        assertFalse(reloader.reload());
        Files.writeString(advisers, "["); // saved again, unchanged
        assertFalse(reloader.reload());
        assertEquals(1, refused.get(), "same problems, not told twice");
        Files.writeString(advisers, "{}");
        assertFalse(reloader.reload());
        assertEquals(2, refused.get(), "other problems are told");
        assertEquals(0, served.get());
    }
}
