package fr.guichet.bot.cli;

import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffJudge;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Audience;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.catalogue.TrainingDetails;
import fr.guichet.knowledge.eval.EvalQuestion;
import fr.guichet.knowledge.eval.RetrievalEvaluator;
import fr.guichet.knowledge.importer.MteImporter;
import fr.guichet.knowledge.search.CatalogueIndex;
import fr.guichet.knowledge.search.SearchRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench}: index build time, heap after load, search latency p50/p99 and throughput
 * on 1 and 2 threads, for the bundled catalogue, the MTE programmes and generated
 * catalogues of 10,000 and 100,000 entries. Prints figures; asserts nothing.
 * {@code bench --report} times the CCI report instead ({@link ReportBench}), {@code bench --runtime}
 * the start, the reloads and the health endpoint ({@link RuntimeBench}).
 */
public final class BenchCommand implements Command {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-12T10:00:00Z"), ZoneOffset.UTC);

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        return "bench [--catalogue DIR] [--mte DIR] [--sizes 10000,100000] [--seconds N]   mesure vitesse et mémoire"
                + " | bench --report [--questions 100000] [--cases 5000] [--keep DIR]   mesure le rapport"
                + " | bench --runtime [--starts 5]   mesure démarrage, rechargement du catalogue, /health";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, java.util.Set.of("report", "runtime"),
                java.util.Set.of("catalogue", "mte", "sizes", "seconds", "questions", "cases", "keep", "starts")).noPositional();
        if (args.flag("runtime")) {
            RuntimeBench.run(args.catalogue(), args.integer("starts", 1, 50, 5), out);
            return 0;
        }
        if (args.flag("report")) {
            ReportBench.run(new CatalogueLoader().load(args.catalogue()).catalogue(),
                    Integer.parseInt(args.get("questions", "100000")), Integer.parseInt(args.get("cases", "5000")),
                    args.get("keep") == null ? null : Path.of(args.get("keep")), out);
            return 0;
        }
        Path home = Args.defaultCatalogue().getParent().getParent();
        Path mteDir = Path.of(args.get("mte", home.resolve("../shared/data/mission-transition-ecologique/programs").toString()));
        int seconds = args.integer("seconds", 1, 600, 3);
        List<Integer> sizes = new ArrayList<>();
        for (String size : args.get("sizes", "10000,100000").split(",")) {
            if (!size.isBlank()) {
                try {
                    int n = Integer.parseInt(size.strip());
                    if (n >= 1 && n <= 1_000_000) {
                        sizes.add(n);
                        continue;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new Args.UsageException("--sizes attend des nombres entiers entre 1 et 1000000 séparés par des virgules"
                        + " (reçu « " + size.strip() + " »)");
            }
        }

        List<String> queries = new ArrayList<>();
        for (String file : List.of("catalogue-dev.jsonl", "catalogue-validation.jsonl", "mte-dev.jsonl", "mte-validation.jsonl")) {
            Path p = home.resolve("knowledge/src/test/resources/eval").resolve(file);
            if (Files.exists(p)) {
                EvalQuestion.read(p).forEach(q -> queries.add(q.question()));
            }
        }
        if (queries.isEmpty()) {
            throw new Args.UsageException("aucune question de test trouvée sous knowledge/src/test/resources/eval");
        }
        out.printf("Java %s, %d cœurs, heap max %d Mo, %d questions%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, queries.size());
        Catalogue bundled = new CatalogueLoader().load(args.catalogue()).catalogue();
        long cold = System.nanoTime();
        CatalogueIndex.build(bundled, CLOCK);
        out.printf("première construction de l'index (JVM froide, catalogue fourni) : %.0f ms%n", (System.nanoTime() - cold) / 1e6);
        out.println("corpus             entrées  build ms  heap Mo   p50 ms   p99 ms  req/s 1 thr  req/s 2 thr");

        measure("catalogue fourni", bundled, queries, seconds, out);
        Catalogue mte = null;
        if (Files.isDirectory(mteDir)) {
            Path tmp = Files.createTempDirectory("guichet-bench-mte");
            try {
                new MteImporter().importDirectory(mteDir, tmp, "Hauts-de-France");
                mte = new CatalogueLoader().load(tmp).catalogue();
            } finally {
                try (var files = Files.walk(tmp)) { // the converted catalogue is loaded: nothing left behind
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            measure("MTE (264)", mte, queries, seconds, out);
        } else {
            out.println("MTE : " + mteDir + " absent, mesure sautée");
        }
        List<Entry> seeds = new ArrayList<>(bundled.entries());
        if (mte != null) {
            seeds.addAll(mte.entries());
        }
        for (int size : sizes) {
            measure("généré " + size, generated(seeds, size, bundled), queries, seconds, out);
        }
        assistant(bundled, queries, out);
        return 0;
    }

    /**
     * The whole core, question → reply without LLM, then 200 conversations at once, each
     * asking two questions and handing off: no error, and every case in the store.
     */
    private static void assistant(Catalogue catalogue, List<String> queries, PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("guichet-bench-data");
        CatalogueIndex index = CatalogueIndex.build(catalogue, Clock.systemDefaultZone());
        try (fr.guichet.bot.store.Database db = new fr.guichet.bot.store.Database(data);
             SqliteHandoffStore cases = new SqliteHandoffStore(db, Clock.systemDefaultZone())) {
            // the question log is SQLite as in production: its write is part of a reply's time
            Assistant assistant = Wiring.assistant(catalogue, index, cases, new InMemoryFeedbackStore(),
                    new fr.guichet.bot.store.SqliteQuestionLog(db), AdviserNotifier.NONE,
                    new Wiring.Settings(Path.of("."), data, Duration.ofHours(4), Duration.ofDays(180), Duration.ofHours(2),
                            HandoffJudge.DEFAULT_LARGE_PROJECT_EUR, java.util.Optional.empty()),
                    Clock.systemDefaultZone());
            for (int round = 0; round < 3; round++) { // warm-up
                for (int i = 0; i < queries.size(); i++) {
                    assistant.handle("warm-" + round + "-" + i, "bench", queries.get(i));
                }
            }
            double[] latencies = new double[queries.size() * 3];
            int k = 0;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < queries.size(); i++) {
                    long t = System.nanoTime();
                    assistant.handle("bench-" + round + "-" + i, "bench", queries.get(i));
                    latencies[k++] = (System.nanoTime() - t) / 1e6;
                }
            }
            out.printf("assistant (sans LLM) : question → réponse p50 %.2f ms, p99 %.2f ms sur %d questions%n",
                    RetrievalEvaluator.percentile(latencies, 50), RetrievalEvaluator.percentile(latencies, 99), latencies.length);

            int conversations = 200;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<String>> ids = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < conversations; c++) {
                int n = c;
                ids.add(pool.submit(() -> {
                    String conv = "conv-" + n;
                    assistant.handle(conv, "user-" + n, queries.get(n % queries.size()));
                    assistant.handle(conv, "user-" + n, "je voudrais parler a un conseiller");
                    return assistant.openCase(conv, "user-" + n, null).handoffCase().id();
                }));
            }
            int errors = 0;
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (Future<String> f : ids) {
                try {
                    distinct.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    errors++;
                }
            }
            pool.shutdown();
            int stored = cases.list(java.util.EnumSet.allOf(CaseState.class)).size();
            out.printf("%d conversations simultanées (16 fils) : %.0f ms, %d erreur(s), %d dossiers distincts, %d en base%n",
                    conversations, (System.nanoTime() - start) / 1e6, errors, distinct.size(), stored);
        }
    }


    private static void measure(String name, Catalogue catalogue, List<String> queries, int seconds, PrintStream out)
            throws Exception {
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        CatalogueIndex index = CatalogueIndex.build(catalogue, CLOCK);
        double buildMs = (System.nanoTime() - start) / 1e6;
        long heap = usedHeap() - heapBefore;
        // about 3,000 timed searches after as many for warm-up: a p99 needs many samples
        int rounds = Math.max(3, 3000 / queries.size());
        for (int round = 0; round < rounds; round++) {
            queries.forEach(q -> index.search(SearchRequest.of(q)));
        }
        double[] latencies = new double[queries.size() * rounds];
        int i = 0;
        for (int round = 0; round < rounds; round++) {
            for (String q : queries) {
                long t = System.nanoTime();
                index.search(SearchRequest.of(q));
                latencies[i++] = (System.nanoTime() - t) / 1e6;
            }
        }
        out.printf("%-17s %8d %9.0f %8d %8.2f %8.2f %12.0f %12.0f%n", name, catalogue.entries().size(), buildMs,
                heap >> 20, RetrievalEvaluator.percentile(latencies, 50), RetrievalEvaluator.percentile(latencies, 99),
                throughput(index, queries, 1, seconds), throughput(index, queries, 2, seconds));
    }

    private static double throughput(CatalogueIndex index, List<String> queries, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7;
            counts.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    index.search(SearchRequest.of(queries.get((int) ((n + offset) % queries.size()))));
                    n++;
                }
                return n;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        pool.shutdown();
        return total / (double) seconds;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A catalogue of {@code size} entries whose text recombines the words of real entries. */
    static Catalogue generated(List<Entry> seeds, int size, Catalogue advisersFrom) {
        Random random = new Random(42);
        List<String> words = new ArrayList<>();
        for (Entry e : seeds) {
            words.addAll(Arrays.asList((e.title() + " " + e.summary()).split("\\s+")));
        }
        List<String> territories = List.of("France", "Hauts-de-France", "Pas-de-Calais", "CABBALR", "Bretagne",
                "Occitanie", "Île-de-France", "Grand Est");
        Theme[] themes = Theme.values();
        Stage[] stages = Stage.values();
        List<Entry> schemes = new ArrayList<>();
        List<Entry> trainings = new ArrayList<>();
        for (int n = 0; n < size; n++) {
            Entry seed = seeds.get(random.nextInt(seeds.size()));
            String title = sample(words, random, 3 + random.nextInt(4));
            String summary = sample(words, random, 15 + random.nextInt(20));
            String description = seed.description() == null ? sample(words, random, 60) : seed.description();
            EntryKind kind = random.nextInt(3) == 0 ? EntryKind.TRAINING : EntryKind.SCHEME;
            Entry e = new Entry(kind, "gen-" + n, title, summary, description,
                    List.of(themes[random.nextInt(themes.length)]),
                    new Audience(random.nextBoolean() ? List.of() : List.of(stages[random.nextInt(stages.length)]),
                            List.of(), seed.audience().conditions()),
                    List.of(territories.get(random.nextInt(territories.size()))), seed.provider(), seed.benefit(),
                    null, null, seed.howToApply(), seed.url(), seed.keywords(), null, null, null, null,
                    TrainingDetails.NONE);
            (kind == EntryKind.TRAINING ? trainings : schemes).add(e);
        }
        return new Catalogue(schemes, trainings, advisersFrom.advisers(), "");
    }

    private static String sample(List<String> words, Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
        }
        return s.toString();
    }
}
