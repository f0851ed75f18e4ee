package fr.guichet.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import fr.guichet.bot.FailingStores;
import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.ExtractiveAnswerer;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.InMemoryHandoffStore;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.privacy.Forgetting;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The console as a careless, hurried or hostile entrepreneur uses it (items 1–3, 6, 9, 10, 21). */
class ConsoleReliabilityTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneId.of("Europe/Paris"));
    static final String CASE_QUESTION = "mon entreprise est en redressement judiciaire";

    /** One console and what it needs, over stores the test chooses. */
    static final class Bench {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final HandoffStore cases;
        final FeedbackStore feedback;
        final List<String> notified = new ArrayList<>();
        final Assistant assistant;
        final Forgetting forgetting;

        Bench(HandoffStore cases, FeedbackStore feedback, Answerer answerer, Availability availability) {
            this.cases = cases;
            this.feedback = feedback;
            ConsoleNotifier console = new ConsoleNotifier(out);
            AdviserNotifier notifier = new AdviserNotifier() {
                @Override
                public void caseOpened(HandoffCase c, fr.guichet.knowledge.catalogue.Adviser a) {
                    notified.add("opened " + c.id());
                    console.caseOpened(c, a);
                }

                @Override
                public void reminder(HandoffCase c, fr.guichet.knowledge.catalogue.Adviser a) {
                    notified.add("reminder " + c.id());
                }

                @Override
                public void escalated(HandoffCase c, fr.guichet.knowledge.catalogue.Adviser a) {
                    notified.add("escalated " + c.id());
                }

                @Override
                public void caseForgotten(HandoffCase c, fr.guichet.knowledge.catalogue.Adviser a) {
                    notified.add("forgotten " + c.id());
                    console.caseForgotten(c, a);
                }
            };
            assistant = Assistant.builder(TestAssistants.index(), new AdviserRouter(TestAssistants.catalogue(), availability), cases, feedback)
                .answerer(answerer).notifier(notifier).clock(CLOCK).contactDelay(Wiring.contactDelay(Duration.ofHours(4))).build();
            forgetting = new Forgetting(assistant, cases, feedback, notifier, TestAssistants.catalogue().advisersById());
        }

        Bench(HandoffStore cases) {
            this(cases, new InMemoryFeedbackStore(), new ExtractiveAnswerer(), Availability.everyonePresent());
        }

        /** Runs one session to its end; returns what it printed. */
        String chat(String session, String... lines) throws Exception {
            bytes.reset();
            new ConsoleChat(assistant, forgetting, new BufferedReader(new StringReader(String.join("\n", lines))), out,
                    session).run();
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static List<HandoffCase> all(HandoffStore store) {
        return store.list(EnumSet.allOf(CaseState.class));
    }

    // ---- sessions and forgetting (items 1, 4) ---------------------------------------------------

    @Test
    void eachConsoleSessionIsItsOwnEntrepreneurAndSaysSo() throws Exception {
        String a = ConsoleChat.newSessionId();
        String b = ConsoleChat.newSessionId();
        assertNotEquals(a, b);
        assertTrue(a.matches("console-[0-9a-f]{8}"), a);
        String out = new Bench(new InMemoryHandoffStore(CLOCK)).chat(a, "/profil");
        assertTrue(out.contains("Votre session : " + a + "."), out);
    }

    @Test
    void forgettingErasesThisSessionsCasesOnlyAndSaysExactlyWhat() throws Exception {
        InMemoryHandoffStore store = new InMemoryHandoffStore(CLOCK);
        Bench bench = new Bench(store);
        bench.chat("console-aaaa0001", CASE_QUESTION, "oui", "Jeanne Test", "Fleurs", "jeanne@example.org", "oui", "/quitter");
        bench.chat("console-bbbb0002", CASE_QUESTION, "oui", "Paul Autre", "Garage", "paul@example.org", "oui", "/quitter");
        List<HandoffCase> cases = all(store);
        assertEquals(2, cases.size());
        String first = cases.get(0).id();
        String out = bench.chat("console-aaaa0001", "/OUBLIER maintenant");
        assertTrue(out.contains("C'est fait. J'ai effacé :"), out);
        assertTrue(out.contains("la demande " + first + " : vos coordonnées, la conversation transmise et le motif ; "
                + "cette demande est annulée : personne ne vous recontactera à son sujet"), out);
        assertTrue(out.contains("🗑 L'entrepreneur a demandé l'effacement de ses données"), "the adviser's copy: " + out);
        HandoffCase erased = store.find(first).orElseThrow();
        assertNull(erased.contact());
        assertEquals(CaseState.CANCELLED, erased.state());
        HandoffCase other = store.find(cases.get(1).id()).orElseThrow();
        assertEquals("paul@example.org", other.contact().phoneOrEmail(), "the other session is untouched");
        assertEquals(CaseState.OPEN, other.state());
        assertTrue(bench.chat("console-aaaa0001", "/oublier").contains("Je ne gardais rien de vous"));
    }

    // ---- consent and leaving the form (items 2, 3) -------------------------------------------------

    @Test
    void aConsentThatIsNotAClearYesKeepsNoContact() throws Exception {
        InMemoryHandoffStore store = new InMemoryHandoffStore(CLOCK);
        Bench bench = new Bench(store);
        String out = bench.chat("console-c1", CASE_QUESTION, "oui", "Jeanne", "Fleurs", "06 11 22 33 44", "oh non merci");
        assertNull(all(store).get(0).contact(), out);
        out = bench.chat("console-c2", CASE_QUESTION, "oui", "Jeanne", "Fleurs", "06 11 22 33 44", "ouais non", "oublie ça",
                "bof");
        assertTrue(out.contains("répondez par « oui » ou par « non »"), "asked again: " + out);
        assertTrue(out.contains("Je n'ai pas compris votre réponse : je ne garde pas vos coordonnées."), out);
        assertNull(all(store).get(1).contact());
        out = bench.chat("console-c3", CASE_QUESTION, "ouais non", "OUI", "Jeanne", "", "06 11 22 33 44", "d'accord");
        assertEquals("06 11 22 33 44", all(store).get(2).contact().phoneOrEmail(), out);
    }

    @Test
    void leavingTheFormSendsNothingToAnyone() throws Exception {
        InMemoryHandoffStore store = new InMemoryHandoffStore(CLOCK);
        Bench bench = new Bench(store);
        String eof = bench.chat("console-l1", CASE_QUESTION, "oui"); // input ends at « Votre nom »
        assertTrue(eof.contains("Demande abandonnée : rien n'a été transmis."), eof);
        String quit = bench.chat("console-l2", CASE_QUESTION, "oui", "/Quitter tout de suite", "ceci n'est jamais lu");
        assertTrue(quit.contains("Demande abandonnée") && quit.endsWith("À bientôt !\n"), quit);
        String cancel = bench.chat("console-l3", "/conseiller", "Jeanne", "/annuler", "/profil");
        assertTrue(cancel.contains("Demande abandonnée") && cancel.contains("Votre session : console-l3"),
                "the chat goes on after /annuler: " + cancel);
        String atConsent = bench.chat("console-l4", CASE_QUESTION, "oui", "Jeanne", "Fleurs", "06", "/quitter");
        assertTrue(atConsent.contains("Demande abandonnée"), atConsent);
        assertEquals(List.of(), all(store));
        assertEquals(List.of(), bench.notified);
    }

    // ---- commands (item 21) ----------------------------------------------------------------------

    @Test
    void commandsAreReadWhateverTheCaseAndWhateverFollows() throws Exception {
        Bench bench = new Bench(new InMemoryHandoffStore(CLOCK));
        String out = bench.chat("console-k1", "/AIDE moi", "/Profil s'il te plaît", "/peutetre", "/QUITTER maintenant",
                "jamais lu");
        assertTrue(out.contains("/conseiller  être recontacté"), out);
        assertTrue(out.contains("Votre session : console-k1"), out);
        assertTrue(out.contains("Je ne connais pas la commande « /peutetre »"), out);
        assertFalse(out.contains("jamais lu"), out);
        assertTrue(out.endsWith("À bientôt !\n"), out);
    }

    // ---- one message can never end the chat (items 9, 10) ------------------------------------------

    @Test
    void anErrorInOneMessageIsApologisedForAndTheChatGoesOn() throws Exception {
        Answerer fragile = request -> {
            String q = request.question();
            if (q.contains("hygiene")) {
                throw new StackOverflowError();
            }
            if (q.contains("excel")) {
                throw new OutOfMemoryError("Java heap space");
            }
            return new ExtractiveAnswerer().answer(request);
        };
        Bench bench = new Bench(new InMemoryHandoffStore(CLOCK), new InMemoryFeedbackStore(), fragile,
                Availability.everyonePresent());
        String out = bench.chat("console-e1", "formation hygiene alimentaire", "formation excel debutant",
                "pret d'honneur pour creer mon entreprise", "/quitter");
        assertEquals(2, count(out, "un incident technique m'a empêché de traiter ce message"), out);
        assertTrue(out.contains("Source :"), "the third message is answered: " + out);
        assertTrue(out.endsWith("À bientôt !\n"), out);
    }

    @Test
    void aStoreThatFailsAtEveryCallIsApologisedForAndNothingIsAnnounced() throws Exception {
        HandoffStore broken = FailingStores.handoff(new StoreException("Impossible d'enregistrer (base x) : disque plein."));
        FeedbackStore brokenFeedback = FailingStores.feedback(new StoreException("Impossible (base x) : disque plein."));
        Bench bench = new Bench(broken, brokenFeedback, new ExtractiveAnswerer(), Availability.everyonePresent());
        // the question without answer is offered to an adviser ("non"), then judged unhelpful ("/non")
        String out = bench.chat("console-f1", "zorglub quantique interstellaire", "non", "/non", CASE_QUESTION, "oui", "Jeanne", "",
                "", "oui", "/oublier", "formation hygiene alimentaire", "/quitter");
        assertTrue(out.contains("votre demande n'a pas pu être enregistrée"), out);
        assertTrue(out.contains("Votre avis n'a pas pu être enregistré"), out);
        assertTrue(out.contains("l'effacement n'a pas pu se faire à cause d'un incident technique : rien n'a été effacé"), out);
        assertFalse(out.contains("C'est transmis"), out);
        assertEquals(List.of(), bench.notified, "nobody hears of a case that is not stored");
        assertTrue(out.contains("Source :"), "the chat goes on: " + out);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    // ---- what reaches the adviser (item 6) -----------------------------------------------------------

    @Test
    void escapeSequencesTypedByTheUserNeverReachTheAdvisersTerminal() throws Exception {
        InMemoryHandoffStore store = new InMemoryHandoffStore(CLOCK);
        Bench bench = new Bench(store);
        String out = bench.chat("console-x1", "\u001b]0;pirate\u0007\u001b[2J" + CASE_QUESTION + "\u001b[8m caché",
                "oui", "\u001b[31mJeanne", "Fleurs\u009b", "06\u0000", "oui", "/quitter");
        assertFalse(out.chars().anyMatch(ch -> ch == 0x1b || ch == 0x07 || ch == 0 || (ch >= 0x80 && ch <= 0x9f)),
                "no control character printed: " + out.replace("\u001b", "<ESC>"));
        HandoffCase c = all(store).get(0);
        assertEquals("[31mJeanne", c.contact().name());
        assertTrue(c.transcript().stream().noneMatch(l -> l.text().chars().anyMatch(ch -> ch == 0x1b)));
    }

    // ---- honest delays (item 11) ------------------------------------------------------------------

    @Test
    void whenEveryAdviserIsAwayTheConsoleSaysSo(@TempDir Path dir) throws Exception {
        Path absences = dir.resolve("absences.txt");
        Files.writeString(absences, TestAssistants.catalogue().advisers().stream().map(a -> a.id() + " 2027-01-03")
                .collect(Collectors.joining("\n")));
        Bench bench = new Bench(new InMemoryHandoffStore(CLOCK), new InMemoryFeedbackStore(), new ExtractiveAnswerer(),
                new Availability(absences, CLOCK));
        String out = bench.chat("console-h1", CASE_QUESTION, "non", "/quitter");
        assertTrue(out.contains("peut reprendre votre demande. Les conseillers de ce domaine sont tous absents en ce moment : "
                + "votre demande sera traitée à leur retour, à partir du lundi 4 janvier 2027."), out);
        assertFalse(out.contains("sous 4 heures"), "no delay promised that nobody can keep: " + out);
    }

    // ---- background output waits for the end of a prompt (item 21) -----------------------------------

    @Test
    void warningsWaitForTheEndOfThePromptAndTheLoggersAreGivenBack() throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<String> before = appenders(root);
        try (ConsoleLog log = new ConsoleLog(out, err).install()) {
            Thread background = new Thread(() -> LoggerFactory.getLogger("fr.guichet.bot.handoff.ReminderService")
                    .warn("Relance des dossiers impossible à ce tour : base verrouillée"));
            background.start();
            background.join();
            log.post("┌─ rappel\n");
            assertEquals("", errBytes.toString(StandardCharsets.UTF_8), "nothing while the user types");
            assertEquals("", outBytes.toString(StandardCharsets.UTF_8));
            log.flush();
            assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("Relance des dossiers impossible"));
            assertEquals("┌─ rappel\n", outBytes.toString(StandardCharsets.UTF_8));
        }
        assertEquals(before, appenders(root));
    }

    private static List<String> appenders(Logger logger) {
        List<String> names = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(a -> names.add(a.getName()));
        return names;
    }
}
