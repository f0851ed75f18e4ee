package fr.guichet.bot.cli;

import fr.guichet.bot.Application;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.handoff.AdviserNotifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code bench --runtime}: what running Guichet for months asks of it. Start to ready (a new
 * Guichet process, to its console prompt and to its first answer) and its stop on SIGTERM; the
 * heap once started; catalogue reloads under questions asked without pause (each reload's time,
 * and how many questions failed meanwhile); {@code /health} and {@code /metrics} latency.
 * Prints figures; asserts nothing.
 */
final class RuntimeBench {
    private static final List<String> QUESTIONS = List.of("pret d'honneur pour creer mon entreprise a bethune",
            "formation hygiene alimentaire pour ouvrir un restaurant", "aide pour embaucher un apprenti");

    private RuntimeBench() {
    }

    static void run(Path catalogue, int starts, PrintStream out) throws Exception {
        out.printf("Java %s, %d cœurs, heap max %d Mo%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Path work = Files.createTempDirectory("guichet-bench-runtime");
        try {
            starts(catalogue, work, starts, out);
            inProcess(catalogue, work, out);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** New Guichet processes (this JVM's binary and class path, the launcher's options), one after the other. */
    private static void starts(Path catalogue, Path work, int n, PrintStream out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        double[] ready = new double[n];
        double[] answered = new double[n];
        double[] stopped = new double[n];
        int clean = 0;
        for (int i = 0; i < n; i++) {
            Path data = work.resolve("start-" + i);
            Process p = new ProcessBuilder(java, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "chat", "--catalogue", catalogue.toString(),
                    "--data", data.toString()).redirectErrorStream(true).start();
            long start = System.nanoTime();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> copy(p.getInputStream(), printed));
            try {
                waitFor(printed, "vous > ", 1);
                ready[i] = (System.nanoTime() - start) / 1e6;
                p.getOutputStream().write((QUESTIONS.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().flush();
                waitFor(printed, "vous > ", 2);
                answered[i] = (System.nanoTime() - start) / 1e6;
                long stop = System.nanoTime();
                p.toHandle().destroy(); // SIGTERM
                p.waitFor(30, TimeUnit.SECONDS);
                stopped[i] = (System.nanoTime() - stop) / 1e6;
                reader.join(5_000);
                if (p.exitValue() == 0 && !Files.exists(data.resolve("guichet.db-wal"))) {
                    clean++;
                }
            } finally {
                p.destroyForcibly();
            }
        }
        out.printf("démarrage jusqu'à l'invite (chat, %d processus) : médiane %.0f ms (min %.0f, max %.0f)%n", n,
                median(ready), min(ready), max(ready));
        out.printf("démarrage jusqu'à la première réponse : médiane %.0f ms (min %.0f, max %.0f)%n", median(answered),
                min(answered), max(answered));
        out.printf("arrêt sur SIGTERM : médiane %.0f ms ; %d/%d sorties avec le code 0 et la base fermée proprement%n",
                median(stopped), clean, n);
    }

    /** One runtime in this JVM: heap once started, reloads under questions, /health and /metrics latency. */
    private static void inProcess(Path bundled, Path work, PrintStream out) throws Exception {
        Path catalogue = Files.createDirectories(work.resolve("catalogue"));
        try (Stream<Path> files = Files.list(bundled)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, catalogue.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Wiring.Settings settings = new Wiring.Settings(catalogue, work.resolve("data"), Duration.ofHours(4),
                Duration.ofDays(180), Duration.ofHours(2), BigDecimal.valueOf(500_000), Optional.empty(), Wiring.DEFAULT_ZONE,
                Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        try (Application app = Wiring.start(settings, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()))) {
            Assistant assistant = app.assistant(AdviserNotifier.NONE);
            assistant.handle("warm", "bench", QUESTIONS.get(0));
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            out.printf("heap après démarrage (après GC, catalogue fourni, une question posée) : %d Mo%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
            reloads(app, assistant, catalogue, out);
            http(app, out);
        }
    }

    private static void reloads(Application app, Assistant assistant, Path catalogue, PrintStream out) throws Exception {
        Path schemes = catalogue.resolve("schemes.json");
        String original = Files.readString(schemes);
        String touched = original.replaceFirst("\"title\": \"", "\"title\": \"(modifié) ");
        int rounds = 20;
        double[] alone = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            save(schemes, i % 2 == 0 ? touched : original);
            long start = System.nanoTime();
            app.reloader().reload();
            alone[i] = (System.nanoTime() - start) / 1e6;
        }
        out.printf("rechargement du catalogue fourni, sans autre activité (%d fois) : médiane %.0f ms (min %.0f, max %.0f)%n",
                rounds, median(alone), min(alone), max(alone));
        ExecutorService askers = Executors.newFixedThreadPool(8);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int asker = t;
            futures.add(askers.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    try {
                        Reply r = assistant.handle("reload-" + asker + "-" + n, "bench-" + asker,
                                QUESTIONS.get((asker + n) % QUESTIONS.size()));
                        if (r.cards().isEmpty()) {
                            failed.incrementAndGet();
                        } else {
                            answered.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        double[] took = new double[rounds];
        int served = 0;
        try {
            for (int i = 0; i < rounds; i++) {
                save(schemes, i % 2 == 0 ? touched : original);
                long start = System.nanoTime();
                if (app.reloader().reload()) {
                    served++;
                }
                took[i] = (System.nanoTime() - start) / 1e6;
            }
        } finally {
            running.set(false);
            for (Future<?> f : futures) {
                f.get();
            }
            askers.shutdown();
        }
        out.printf("rechargement sous charge (%d fois, 8 conversations posant des questions sans pause sur %d cœurs) : médiane "
                        + "%.0f ms (min %.0f, max %.0f), %d servis ; %d questions répondues pendant, %d en échec%n", rounds,
                Runtime.getRuntime().availableProcessors(), median(took), min(took), max(took), served, answered.get(), failed.get());
    }

    private static void http(Application app, PrintStream out) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + app.httpPort().orElseThrow() + "/health");
        URI metrics = URI.create("http://127.0.0.1:" + app.httpPort().orElseThrow() + "/metrics");
        for (int i = 0; i < 300; i++) {
            client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
            client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.discarding());
        }
        double[] h = new double[1000];
        int ok = 0;
        for (int i = 0; i < h.length; i++) {
            long start = System.nanoTime();
            if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                ok++;
            }
            h[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] m = new double[200];
        for (int i = 0; i < m.length; i++) {
            long start = System.nanoTime();
            client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
            m[i] = (System.nanoTime() - start) / 1e6;
        }
        out.printf("/health (aller-retour HTTP local, écriture réelle dans la base comprise, %d requêtes, %d en 200) : "
                + "p50 %.2f ms, p99 %.2f ms%n", h.length, ok, percentile(h, 0.5), percentile(h, 0.99));
        out.printf("/metrics (%d requêtes) : p50 %.2f ms, p99 %.2f ms%n", m.length, percentile(m, 0.5), percentile(m, 0.99));
    }

    /** As an editor saves: a temporary file renamed over the old one (the watcher never sees half a file). */
    private static void save(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (to) {
                    to.write(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    private static void waitFor(ByteArrayOutputStream printed, String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String now;
            synchronized (printed) {
                now = printed.toString(StandardCharsets.UTF_8);
            }
            if (now.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("Guichet n'a pas affiché « " + text + " » en 120 s");
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    /** Nearest rank. */
    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
