package fr.guichet.bot.cli;

import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.report.CsvReport;
import fr.guichet.bot.report.Fr;
import fr.guichet.bot.report.HtmlReport;
import fr.guichet.bot.report.KeyFigures;
import fr.guichet.bot.report.Report;
import fr.guichet.bot.report.ReportBuilder;
import fr.guichet.bot.report.ReportPeriod;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteFeedbackStore;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.bot.store.SqliteQuestionLog;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * {@code report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE.html] [--csv DIR]}: the CCI
 * report of a period (default: the last 30 days) from the data directory's database, as one
 * HTML file and, on request, CSV files. A data directory without a database gives the empty
 * report, and creates nothing.
 */
public final class ReportCommand implements Command {
    private final Map<String, String> env;
    private final Clock clock;

    public ReportCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "report [--from AAAA-MM-JJ] [--to AAAA-MM-JJ] [--out FICHIER.html] [--csv DOSSIER] [--data DIR]"
                + "   rapport d'activité pour la CCI (30 derniers jours par défaut)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("catalogue", "data", "from", "to", "out", "csv")).noPositional();
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException("argument inattendu « " + args.positional().get(0) + " »");
        }
        Wiring.Settings settings = Wiring.settings(args, env);
        ReportPeriod period = period(args, ReportPeriod.today(clock));
        Catalogue catalogue;
        try {
            catalogue = new CatalogueLoader().load(settings.catalogue()).catalogue();
        } catch (CatalogueException e) {
            err.println(e.getMessage());
            return CatalogueCommands.REFUSED;
        }
        Path html = Path.of(args.get("out", "rapport-guichet-" + period.from() + "-au-" + period.to() + ".html"));
        long start = System.nanoTime();
        Report report;
        boolean missing = !Files.exists(settings.data().resolve(Database.FILE_NAME));
        // no database yet: read an empty one made aside, rather than create one in the data directory
        Path source = missing ? Files.createTempDirectory("guichet-rapport-vide") : settings.data();
        if (missing) {
            err.println("Aucune base de données dans " + settings.data() + " : Guichet n'y a encore rien enregistré.");
        }
        try (Database db = new Database(source);
             SqliteHandoffStore cases = new SqliteHandoffStore(db, clock)) {
            report = ReportBuilder.build(new ReportBuilder.Input(new SqliteQuestionLog(db), cases,
                    new SqliteFeedbackStore(db), catalogue), period, clock);
        } catch (StoreException e) {
            err.println(e.getMessage());
            return CatalogueCommands.REFUSED;
        } finally {
            if (missing) {
                try (var files = Files.list(source)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(source);
            }
        }
        long rendering = System.nanoTime();
        write(html, HtmlReport.render(report));
        LoggerFactory.getLogger(ReportCommand.class).debug("report: HTML written in {} ms", (System.nanoTime() - rendering) / 1_000_000);
        out.printf("Rapport %s : %s (%s Ko)%n", period.label(), html.toAbsolutePath().normalize(),
                Fr.integer(Files.size(html) / 1024));
        if (args.get("csv") != null) {
            List<Path> files = CsvReport.write(report, Path.of(args.get("csv")));
            out.printf("Fichiers CSV : %d dans %s%n", files.size(), Path.of(args.get("csv")).toAbsolutePath().normalize());
        }
        KeyFigures k = report.keyFigures();
        out.printf("%s, %s, %s (%.1f s)%n", Fr.count(k.questions(), "une question", "questions"),
                k.questions() == 0 ? "aucune répondue" : Fr.percent(k.answeredShare()) + " répondues",
                Fr.count(k.cases(), "un dossier", "dossiers"), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    static ReportPeriod period(Args args, LocalDate today) throws Args.UsageException {
        LocalDate to = date(args, "to", today);
        LocalDate from = date(args, "from", to.minusDays(ReportPeriod.DEFAULT_DAYS - 1L));
        if (to.isBefore(from)) {
            throw new Args.UsageException("--to (" + to + ") est avant --from (" + from + ")");
        }
        return new ReportPeriod(from, to);
    }

    private static LocalDate date(Args args, String name, LocalDate fallback) throws Args.UsageException {
        String value = args.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Args.UsageException("--" + name + " attend une date AAAA-MM-JJ (reçu « " + value + " »)");
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
