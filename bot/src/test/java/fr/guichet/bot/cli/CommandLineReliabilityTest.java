package fr.guichet.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.Command;
import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteHandoffStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator types it, mistakes included (items 8, 15, 16, 18, 19, 20, 21 of the reliability issue). */
class CommandLineReliabilityTest {
    private static final String CATALOGUE = TestAssistants.BUNDLED.toString();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T15:00:00Z"), ZoneId.of("Europe/Paris"));

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, Command> commands = Main.commands(env, new ByteArrayInputStream(new byte[0]), CLOCK);
        int code = Main.run(List.of(argv), commands, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... argv) {
        return run(Map.of(), argv);
    }

    private Path dataWithCases(int n) {
        Path data = tmp.resolve("data");
        try (SqliteHandoffStore store = SqliteHandoffStore.open(data, CLOCK)) {
            for (int i = 0; i < n; i++) {
                store.create(fr.guichet.bot.store.SqliteHandoffStoreTestAccess.newCase("e" + i, "alice-creation", "bruno-creation"));
            }
        }
        return data;
    }

    // ---- options and settings (item 18) ---------------------------------------------------------

    @Test
    void unknownOptionsAreRefusedWithTheUsageInsteadOfSilentlyIgnored() {
        Run chat = run("chat", "--dta", "/tmp/x");
        assertEquals(2, chat.code());
        assertTrue(chat.err().startsWith("option inconnue « --dta » (options possibles : --catalogue, --data)"), chat.err());
        assertTrue(chat.err().contains("usage : ./guichet chat"), chat.err());
        Run ask = run("ask", "--foo", "pret d'honneur");
        assertEquals(2, ask.code());
        assertTrue(ask.err().contains("option inconnue « --foo »"), ask.err());
        assertEquals("", ask.out(), "the question was not searched without its option");
        assertEquals(2, run("validate", "--catalogue", CATALOGUE, "en-trop").code());
        assertEquals(2, run("cases", "list", "--bogus").code());
        assertEquals(2, run("ask", "--json=oui", "question").code(), "a flag takes no value");
        Run help = run("cases", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage : ./guichet cases"), help.out());
    }

    @Test
    void anEmptyDataFolderIsRefusedNotTakenAsTheCurrentFolder() {
        Run option = run("cases", "list", "--data", "");
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("--data est vide"), option.err());
        Run env = run(Map.of("GUICHET_DATA", " "), "cases", "list");
        assertEquals(2, env.code());
        assertTrue(env.err().startsWith("GUICHET_DATA est vide"), env.err());
        assertEquals(2, run("cases", "list", "--data=").code());
    }

    @Test
    void numbersOutOfBoundsOrNotNumbersAreFrenchUsageErrors() {
        Run hours = run(Map.of("GUICHET_REMINDER_HOURS", "1000000000"), "cases", "list", "--data", tmp.toString());
        assertEquals(2, hours.code());
        assertTrue(hours.err().startsWith("GUICHET_REMINDER_HOURS doit être un nombre entier entre 1 et 200 (reçu « 1000000000 »)"),
                hours.err());
        assertEquals(2, run(Map.of("GUICHET_RETENTION_DAYS", "cent"), "cases", "list", "--data", tmp.toString()).code());
        assertEquals(2, run(Map.of("GUICHET_LARGE_PROJECT_EUR", "-5"), "cases", "list", "--data", tmp.toString()).code());
        Run limit = run("ask", "--catalogue", CATALOGUE, "--limit", "abc", "pret");
        assertEquals(2, limit.code());
        assertTrue(limit.err().startsWith("--limit attend un nombre entier entre 1 et 100 (reçu « abc »)"), limit.err());
        assertFalse(limit.err().contains("For input string"), limit.err());
        Run seconds = run("bench", "--seconds", "9999999999");
        assertEquals(2, seconds.code());
        assertTrue(seconds.err().startsWith("--seconds attend un nombre entier entre 1 et 600"), seconds.err());
        assertEquals(2, run("bench", "--sizes", "10,abc").code());
    }

    // ---- the advisers' side (items 15, 16, 19) ----------------------------------------------------

    @Test
    void claimAsAnotherAdviserMakesTheCaseTheirsAndAnUnknownAdviserIsRefused() {
        Path data = dataWithCases(1);
        String id = "D-2026-000001";
        Run unknown = run("cases", "claim", id, "--as", "alise-creation", "--data", data.toString(), "--catalogue", CATALOGUE);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("conseiller inconnu « alise-creation »"), unknown.err());
        Run claim = run("cases", "claim", id, "--as", "emma-difficultes", "--data", data.toString(), "--catalogue", CATALOGUE);
        assertEquals(0, claim.code(), claim.err());
        try (SqliteHandoffStore store = SqliteHandoffStore.open(data, CLOCK)) {
            HandoffCase c = store.find(id).orElseThrow();
            assertEquals(CaseState.CLAIMED, c.state());
            assertEquals("emma-difficultes", c.adviserId());
            assertEquals("david-financement", c.backupId());
            assertEquals("emma-difficultes", c.events().get(c.events().size() - 1).actor());
        }
    }

    @Test
    void casesListShowsTheReadableCasesAndNamesTheDamagedOne() throws Exception {
        Path data = dataWithCases(3);
        try (Database db = new Database(data)) {
            db.write("test", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE cases SET transcript = '{oops' WHERE id = 'D-2026-000002'");
                }
                return null;
            });
        }
        Run list = run("cases", "list", "--data", data.toString());
        assertEquals(0, list.code());
        assertTrue(list.out().contains("D-2026-000001") && list.out().contains("D-2026-000003"), list.out());
        assertFalse(list.out().contains("D-2026-000002"), list.out());
        assertTrue(list.err().startsWith("attention : dossier D-2026-000002 illisible (conversation illisible)"), list.err());
        Run show = run("cases", "show", "D-2026-000002", "--data", data.toString());
        assertEquals(2, show.code());
        assertTrue(show.err().contains("D-2026-000002 est illisible"), show.err());
    }

    @Test
    void listAndShowWorkOnAReadOnlyCopy() throws Exception {
        Path data = dataWithCases(2);
        Path copy = Files.createDirectory(tmp.resolve("copie"));
        Files.copy(data.resolve("guichet.db"), copy.resolve("guichet.db"));
        try (var ro = fr.guichet.bot.store.SqliteHandoffStoreTestAccess.readOnly(copy.resolve("guichet.db"), copy)) {
            Run list = run("cases", "list", "--data", copy.toString());
            assertEquals(0, list.code(), list.err());
            assertEquals(2, list.out().lines().count(), list.out());
            Run show = run("cases", "show", "D-2026-000002", "--data", copy.toString());
            assertEquals(0, show.code(), show.err());
            assertTrue(show.out().contains("Conversation :"), show.out());
            assertEquals(2, run("cases", "claim", "D-2026-000002", "--data", copy.toString()).code(),
                    "writing is refused, saying why");
        }
    }

    // ---- backups (item 8) ---------------------------------------------------------------------

    @Test
    void backupWritesAVerifiedOwnerOnlyCopyAndSaysHowToRestore() throws Exception {
        Path data = dataWithCases(3);
        Path backups = tmp.resolve("sauvegardes");
        Run backup = run("backup", backups.toString(), "--data", data.toString());
        assertEquals(0, backup.code(), backup.err());
        Path file = backups.resolve("guichet-2026-11-30-160000.db");
        assertTrue(backup.out().startsWith("Sauvegarde faite : " + file + " (3 dossier(s), 0 avis et question(s), "),
                backup.out());
        assertTrue(backup.out().contains("Pour restaurer : arrêtez Guichet"), backup.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backups)));
        Run again = run("backup", backups.toString(), "--data", data.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("existe déjà"), again.err());

        Path empty = Files.createDirectory(tmp.resolve("vide"));
        Files.createFile(empty.resolve("guichet.db"));
        Run zero = run("backup", backups.resolve("autre").toString(), "--data", empty.toString());
        assertEquals(1, zero.code());
        assertTrue(zero.err().contains("est vide (0 octet)"), zero.err());
        Run chat = run("chat", "--data", empty.toString(), "--catalogue", CATALOGUE);
        assertEquals(2, chat.code());
        assertTrue(chat.err().contains("est vide (0 octet)"), "the chat refuses it too: " + chat.err());
    }

    // ---- eval (item 21) -----------------------------------------------------------------------

    @Test
    void theEvaluationAssistantKeepsItsCasesInMemoryAndOpensNoFile() throws Exception {
        // the former dry run opened a SQLite file in a guichet-eval* temporary folder and never removed it
        // what other tests of this JVM keep open (the report's shared fixture database) is not the evaluation's
        List<String> before = openFiles();
        Assistant assistant = Wiring.dryRunAssistant(TestAssistants.catalogue(), TestAssistants.index(), CLOCK);
        Reply reply = assistant.handle("eval", "u", "je veux parler a un conseiller, mon entreprise est en redressement judiciaire");
        assertTrue(reply.handoff().needed());
        assertTrue(assistant.openCase("eval", "u", null).handoffCase().id().startsWith("D-2026-"));
        assertEquals(List.of(), openFiles().stream().filter(f -> !before.contains(f)).filter(f -> f.contains("guichet-eval")
                || f.endsWith(".db") && f.startsWith(System.getProperty("java.io.tmpdir") + "/guichet-")).toList());
    }

    /** What this process has open, from /proc (Linux). */
    private static List<String> openFiles() throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    files.add(Files.readSymbolicLink(fd).toString());
                } catch (java.io.IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return files;
    }

    // ---- catalogue numbers through validate (item 12) -------------------------------------------

    @Test
    void validateRefusesExtremeNumbersInShortLines() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cat"));
        Files.copy(TestAssistants.BUNDLED.resolve("advisers.json"), dir.resolve("advisers.json"));
        Files.writeString(dir.resolve("trainings.json"), "[]");
        Files.writeString(dir.resolve("schemes.json"), """
                [{"id": "a", "title": "T", "summary": "S", "themes": ["financement"], "provider": "P",
                  "amount_min": "-1e999999999", "amount_max": "1e999999999"}]
                """);
        Run validate = run("validate", "--catalogue", dir.toString());
        assertEquals(2, validate.code());
        assertTrue(validate.err().lines().allMatch(l -> l.length() < 200), validate.err());
        assertTrue(validate.err().contains("amount_max: nombre trop grand"), validate.err());
    }

    // ---- arguments under LC_ALL=C (item 20) ----------------------------------------------------

    @Test
    void argumentsAreDecodedAsUtf8EvenUnderTheCLocale() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "eval", "--questions", "q.jsonl", "--as-of", "Béthune"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        env.put("LC_ALL", "C");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("reçu « Béthune »"), output);
    }

    @Test
    void listingAFolderWithoutDatabaseCreatesNothing() {
        Map<String, String> env = new HashMap<>();
        env.put("GUICHET_DATA", tmp.resolve("d").toString());
        assertEquals(0, run(env, "cases", "list").code());
        assertFalse(Files.exists(tmp.resolve("d")), "listing creates nothing");
    }
}
