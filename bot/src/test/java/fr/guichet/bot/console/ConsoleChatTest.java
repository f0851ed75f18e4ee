package fr.guichet.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.bot.store.SqliteHandoffStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleChatTest {

    private static String chat(SqliteHandoffStore cases, String... lines) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
        ConsoleNotifier notifier = new ConsoleNotifier(out);
        var assistant = TestAssistants.assistant(cases, feedback, notifier, Clock.systemDefaultZone());
        Forgetting forgetting = new Forgetting(assistant, cases, feedback, notifier, TestAssistants.catalogue().advisersById());
        new ConsoleChat(assistant, forgetting, new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), out,
                "testeur").run();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersAQuestionWithEntries(@TempDir Path data) throws Exception {
        try (SqliteHandoffStore cases = SqliteHandoffStore.open(data, Clock.systemDefaultZone())) {
            String out = chat(cases, "formation hygiene alimentaire pour ouvrir mon restaurant", "/quitter");
            assertTrue(out.contains("guichet > "), out);
            assertTrue(out.contains("┃"), "cards are shown: " + out);
            assertTrue(out.contains("À bientôt"), out);
        }
    }

    @Test
    void factsOfTheSampleCatalogueAreShownAsSuch(@TempDir Path data) throws Exception {
        try (SqliteHandoffStore cases = SqliteHandoffStore.open(data, Clock.systemDefaultZone())) {
            String out = chat(cases, "formation excel debutant", "/quitter");
            assertTrue(out.contains("┃ catalogue d'exemple, à faire vérifier par la CCI"), out);
            assertTrue(out.contains("Site de l'organisme : https://"), "a home page is not an official page: " + out);
            assertFalse(out.contains("vérifiée"), out);
        }
    }

    @Test
    void handoffShowsWhoIsPingedAndWhatTheyReceiveAndStoresTheCase(@TempDir Path data) throws Exception {
        try (SqliteHandoffStore cases = SqliteHandoffStore.open(data, Clock.systemDefaultZone())) {
            String out = chat(cases,
                    "mon entreprise est en redressement judiciaire",
                    "oui", "Jeanne Test", "Fleurs de Lillers", "jeanne@example.org", "oui",
                    "/quitter");
            List<HandoffCase> open = cases.list(EnumSet.of(CaseState.OPEN));
            assertEquals(1, open.size());
            HandoffCase c = open.get(0);
            assertEquals("jeanne@example.org", c.contact().phoneOrEmail());
            assertTrue(out.contains("📣 Nouveau dossier pour"), out);
            assertTrue(out.contains("mention Discord <@"), out);
            assertTrue(out.contains(c.id()), "the entrepreneur gets the reference: " + out);
            assertTrue(out.contains("redressement judiciaire"), "the adviser receives the transcript: " + out);
        }
    }

    @Test
    void commandsProfileFeedbackForgetAndEndOfInput(@TempDir Path data) throws Exception {
        try (SqliteHandoffStore cases = SqliteHandoffStore.open(data, Clock.systemDefaultZone())) {
            String out = chat(cases, "je suis artisan plombier a Bruay, je veux embaucher un apprenti", "/profil", "/oui",
                    "/oublier", "/profil");
            assertTrue(out.contains("secteur : artisanat"), out);
            assertTrue(out.contains("Bruay-la-Buissière"), out);
            assertTrue(out.contains("Merci pour votre retour"), out);
            assertTrue(out.contains("Je ne sais encore rien"), "the profile is gone after /oublier: " + out);
            assertTrue(out.contains("À bientôt"), "end of input ends the chat: " + out);
        }
    }

    @Test
    void declinedHandoffStoresNothing(@TempDir Path data) throws Exception {
        try (SqliteHandoffStore cases = SqliteHandoffStore.open(data, Clock.systemDefaultZone())) {
            String out = chat(cases, "je veux parler a un conseiller", "non", "/quitter");
            assertTrue(cases.list(EnumSet.allOf(CaseState.class)).isEmpty());
            assertTrue(out.contains("/conseiller"), out);
        }
    }

}
