package fr.guichet.bot.cli;

import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.store.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code backup DIR [--data DIR]}: a consistent copy of the case database, taken with SQLite's
 * online backup while Guichet runs. Copying {@code guichet.db} alone is not a backup: the
 * latest cases may still be in {@code guichet.db-wal}. The copy is checked (integrity, cases
 * counted) before the command says it is done, and readable by its owner only: it holds the
 * same personal data as the database.
 */
public final class BackupCommand implements Command {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss", Locale.ROOT)
            .withZone(ZoneId.of("Europe/Paris"));

    private final Map<String, String> env;
    private final Clock clock;

    public BackupCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String usage() {
        return "backup DOSSIER [--data DIR]            sauvegarde cohérente de la base des dossiers (même pendant que Guichet tourne)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("data"));
        if (args.positional().size() != 1 || args.positional().get(0).isBlank()) {
            throw new Args.UsageException("précisez un seul dossier où écrire la sauvegarde");
        }
        Wiring.Settings settings = Wiring.settings(args, env);
        Path dir = Path.of(args.positional().get(0)).toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            err.println("Impossible de créer le dossier de sauvegarde " + dir + " : " + e.getMessage());
            return 1;
        }
        Path target = dir.resolve("guichet-" + STAMP.format(clock.instant()) + ".db");
        try (Database db = Database.openReadOnly(settings.data())) {
            db.backupTo(target);
        } catch (StoreException e) {
            err.println(e.getMessage());
            return 1;
        }
        String figures;
        try (Database copy = Database.openFileReadOnly(target)) {
            figures = copy.read("Sauvegarde illisible", c -> {
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                        String result = rs.next() ? rs.getString(1) : "?";
                        if (!"ok".equals(result)) {
                            throw new SQLException("contrôle d'intégrité : " + result);
                        }
                    }
                    return count(s, "cases") + " dossier(s), " + (count(s, "feedback") + count(s, "unanswered"))
                            + " avis et question(s)";
                }
            });
        } catch (StoreException e) {
            err.println("La sauvegarde " + target + " a été écrite mais ne se relit pas correctement : " + e.getMessage());
            return 1;
        }
        out.printf("Sauvegarde faite : %s (%s, %d Ko).%n", target, figures, (Files.size(target) + 1023) / 1024);
        out.println("Pour restaurer : arrêtez Guichet, supprimez " + settings.data().resolve(Database.FILE_NAME + "-wal")
                + " et " + settings.data().resolve(Database.FILE_NAME + "-shm") + " s'ils existent, puis copiez ce fichier en "
                + settings.data().resolve(Database.FILE_NAME) + " (voir le README, « Sauvegardes »).");
        return 0;
    }

    private static int count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
