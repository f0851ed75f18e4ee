package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** absences.txt as people really leave it: broken, misspelt, and everybody on holiday. */
class AvailabilityRobustnessTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Set<String> KNOWN = Set.of("bethune", "bruay", "partout", "export");

    @TempDir
    Path dir;
    Path absences;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private final Catalogue catalogue = new Catalogue(List.of(), List.of(), List.of(
            adviser("bethune", List.of(Theme.CREATION), "bruay"),
            adviser("bruay", List.of(Theme.CREATION), "bethune"),
            adviser("export", List.of(Theme.INTERNATIONAL), "bethune")), "");

    private static Adviser adviser(String id, List<Theme> domains, String backup) {
        return new Adviser(id, "Nom " + id, "Rôle " + id, domains, List.of(), null, null, null, backup);
    }

    @BeforeEach
    void listen() {
        absences = dir.resolve("absences.txt");
        logs.start();
        ((Logger) LoggerFactory.getLogger(Availability.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Availability.class)).detachAppender(logs);
    }

    private List<String> warnings() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void touch() throws Exception {
        Files.setLastModifiedTime(absences, FileTime.fromMillis(System.currentTimeMillis() + 10_000 + logs.list.size()));
    }

    @Test
    void aFileThatIsNotUtf8MeansEveryoneIsPresentWithOneWarning() throws Exception {
        Files.write(absences, new byte[] {'b', 'e', 't', 'h', 'u', 'n', 'e', ' ', (byte) 0xE9, (byte) 0xFF, '\n'});
        Availability availability = new Availability(absences, CLOCK, KNOWN);
        for (int i = 0; i < 3; i++) {
            assertFalse(availability.isAway("bethune"));
        }
        assertEquals(1, warnings().size(), warnings()::toString);
        assertTrue(warnings().get(0).contains("ce n'est pas du texte UTF-8"), warnings()::toString);
        assertTrue(warnings().get(0).contains("tous les conseillers sont considérés comme présents"), warnings()::toString);

        Files.writeString(absences, "bethune\n");
        touch();
        assertTrue(availability.isAway("bethune"), "once repaired, it is read again");
    }

    @Test
    void aDirectoryInPlaceOfTheFileNeverStopsAHandoff() throws Exception {
        Files.createDirectory(absences);
        AdviserRouter router = new AdviserRouter(catalogue, new Availability(absences, CLOCK, KNOWN));
        assertEquals("bethune", router.route(Theme.CREATION, Optional.empty()).adviser().id());
        assertTrue(warnings().get(0).contains("c'est un dossier"), warnings()::toString);
    }

    @Test
    void aMisspeltAdviserIdIsWarnedAboutWithItsLine() throws Exception {
        Files.writeString(absences, "# congés\nbetune 2026-12-24\nbruay 2026-13-01\n");
        Availability availability = new Availability(absences, CLOCK, KNOWN);
        availability.check();
        assertEquals(List.of(
                absences + " : ligne 2 : conseiller inconnu « betune » (absent de advisers.json), ligne ignorée",
                absences + " : ligne 3 : date illisible « 2026-13-01 » (AAAA-MM-JJ attendu), absence sans date de fin"),
                warnings());
        assertTrue(availability.isAway("bruay"));
    }

    @Test
    void whenEveryAdviserOfTheDomainIsAwayTheRoutingSaysSoAndWhenTheyAreBack() throws Exception {
        Files.writeString(absences, "bethune 2026-12-24\nbruay 2026-12-31\n");
        AdviserRouter.Routing r = new AdviserRouter(catalogue, new Availability(absences, CLOCK, KNOWN))
                .route(Theme.CREATION, Optional.empty());
        assertTrue(r.everyoneAway());
        assertEquals(LocalDate.parse("2026-12-25"), r.backOn());
        assertEquals(Optional.of("Les conseillers de ce domaine sont tous absents en ce moment : votre demande sera traitée "
                + "à leur retour, à partir du vendredi 25 décembre 2026."), r.delayNotice());

        Files.writeString(absences, "bethune\nbruay\n");
        touch();
        r = new AdviserRouter(catalogue, new Availability(absences, CLOCK, KNOWN)).route(Theme.CREATION, Optional.empty());
        assertTrue(r.delayNotice().orElseThrow().contains("sans date de retour connue"), r.delayNotice().toString());

        // the export adviser is away but their backup is present: the usual delay holds
        Files.writeString(absences, "export\n");
        touch();
        r = new AdviserRouter(catalogue, new Availability(absences, CLOCK, KNOWN)).route(Theme.INTERNATIONAL, Optional.empty());
        assertFalse(r.everyoneAway());
        assertEquals("bethune", r.adviser().id());
        assertEquals(Optional.empty(), r.delayNotice());
    }
}
