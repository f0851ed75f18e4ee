package fr.guichet.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.RuntimeFixtures;
import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.discord.SlowLlm;
import fr.guichet.bot.ops.Termination;
import fr.guichet.bot.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and Ctrl-C on the console chat: no new message is taken, the answer in progress is
 * finished, the database is closed cleanly (its write-ahead log folded back and removed), and
 * the exit code is 0. In this JVM with a test {@link Termination}, then for real: a Guichet
 * process sent SIGTERM.
 */
class RuntimeGracefulStopTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void aStopDuringAnAnswerLetsItFinishTakesNothingMoreAndClosesTheDatabase() throws Exception {
        try (SlowLlm llm = new SlowLlm()) {
            llm.delayMillis = 1_500;
            Map<String, String> env = Map.of("GUICHET_LLM_PROVIDER", "openai", "GUICHET_LLM_MODEL", "stand-in",
                    "GUICHET_LLM_BASE_URL", llm.baseUrl(), "GUICHET_LLM_API_KEY", "stand-in-key");
            PipedOutputStream typing = new PipedOutputStream();
            InputStream terminal = new PipedInputStream(typing, 1 << 16);
            Termination termination = Termination.forTests();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path data = tmp.resolve("data");
            ChatCommand chat = new ChatCommand(terminal, env, RuntimeFixtures.CLOCK, termination);
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> exit = runner.submit(() -> chat.run(List.of("--catalogue", TestAssistants.BUNDLED.toString(),
                        "--data", data.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
                type(typing, "/aide");
                assertTrue(RuntimeFixtures.await(() -> out.toString(StandardCharsets.UTF_8).contains("Catalogue : "), WAIT),
                        "/aide names the served catalogue: " + out);
                type(typing, "pret d'honneur pour creer mon entreprise a bethune");
                assertTrue(RuntimeFixtures.await(() -> llm.calls.get() == 1, WAIT), "the answer is being composed");

                Thread stopping = termination.signal("TERM");
                type(typing, "formation hygiene alimentaire"); // typed after the signal: not taken

                assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
                stopping.join(10_000);
                String printed = out.toString(StandardCharsets.UTF_8);
                assertTrue(printed.contains("Plusieurs dispositifs peuvent vous aider"), "the answer in progress finished: "
                        + printed);
                assertTrue(printed.strip().endsWith("À bientôt !"), printed);
                assertEquals(1, llm.calls.get(), "nothing asked after the signal");
                assertFalse(Files.exists(data.resolve(Database.FILE_NAME + "-wal")), "closed cleanly: the log is folded back");
                try (Database reopened = Database.openReadOnly(data)) {
                    assertTrue(reopened.readOnly());
                }
            } finally {
                runner.shutdownNow();
            }
        }
    }

    private static void type(OutputStream terminal, String line) throws IOException {
        terminal.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        terminal.flush();
    }

    /**
     * A real Guichet process (the jar's main class on this test's class path), at its prompt,
     * sent SIGTERM as Docker and systemd do. Prints how long it took to be ready.
     */
    @Test
    void aGuichetProcessSentSigtermExitsWithZero() throws Exception {
        Path data = tmp.resolve("data");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "chat", "--catalogue", TestAssistants.BUNDLED.toString(), "--data", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISCORD_TOKEN");
        long start = System.nanoTime();
        Process guichet = builder.start();
        try {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = guichet.getInputStream()) {
                    in.transferTo(new OutputStream() {
                        @Override
                        public void write(int b) {
                            synchronized (printed) {
                                printed.write(b);
                            }
                        }
                    });
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            assertTrue(RuntimeFixtures.await(() -> text(printed).contains("vous > "), WAIT), "never ready: " + text(printed));
            System.out.printf("[runtime] chat: start to prompt %d ms%n", (System.nanoTime() - start) / 1_000_000);
            // SIGTERM, as Docker and systemd send it (Process.destroy would also close our end of its output)
            assertTrue(guichet.toHandle().destroy());
            assertTrue(guichet.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
            reader.join(5_000);
            assertEquals(0, guichet.exitValue(), text(printed));
            assertTrue(text(printed).contains("À bientôt !"), text(printed));
            assertFalse(Files.exists(data.resolve(Database.FILE_NAME + "-wal")), "closed cleanly: " + text(printed));
        } finally {
            guichet.destroyForcibly();
        }
    }

    private static String text(ByteArrayOutputStream printed) {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }
}
