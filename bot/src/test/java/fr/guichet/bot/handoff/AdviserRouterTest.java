package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.text.Places;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdviserRouterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private static Adviser adviser(String id, List<Theme> domains, List<String> territories, String backup) {
        return new Adviser(id, "Nom " + id, "Rôle " + id, domains, territories, null, null, null, backup);
    }

    private final Catalogue catalogue = new Catalogue(List.of(), List.of(), List.of(
            adviser("bethune", List.of(Theme.CREATION), List.of("Béthune"), "bruay"),
            adviser("bruay", List.of(Theme.CREATION), List.of("Bruay-la-Buissière"), "bethune"),
            adviser("partout", List.of(Theme.CREATION, Theme.FINANCEMENT), List.of(), "bethune"),
            adviser("export", List.of(Theme.INTERNATIONAL), List.of("Pas-de-Calais"), "partout")), "");

    @Test
    void themeAndTerritoryChooseTheAdviser() {
        AdviserRouter router = new AdviserRouter(catalogue, Availability.everyonePresent());
        assertEquals("bruay", router.route(Theme.CREATION, Places.get().findIn("à Bruay-la-Buissière")).adviser().id());
        assertEquals("bethune", router.route(Theme.CREATION, Places.get().findIn("je suis à Béthune")).adviser().id());
        // no local adviser for Lille: the one who works everywhere
        assertEquals("partout", router.route(Theme.CREATION, Places.get().findIn("à Lille")).adviser().id());
        assertEquals("partout", router.route(Theme.FINANCEMENT, Optional.empty()).adviser().id());
        assertEquals("export", router.route(Theme.INTERNATIONAL, Optional.empty()).adviser().id());
    }

    @Test
    void backupIsTheChosenAdvisersBackup() {
        AdviserRouter.Routing r = new AdviserRouter(catalogue, Availability.everyonePresent())
                .route(Theme.CREATION, Places.get().findIn("à Béthune"));
        assertEquals("bruay", r.backup().id());
    }

    @Test
    void anAdviserAwayIsReplacedByTheirBackup(@TempDir Path dir) throws Exception {
        Path absences = dir.resolve("absences.txt");
        Files.writeString(absences, "# congés\nbethune 2026-12-24\n");
        AdviserRouter router = new AdviserRouter(catalogue, new Availability(absences, CLOCK));
        assertEquals("bruay", router.route(Theme.CREATION, Places.get().findIn("à Béthune")).adviser().id());

        // the absence is over: back to the local adviser
        Files.writeString(absences, "bethune 2026-11-30\n");
        Files.setLastModifiedTime(absences, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("bethune", router.route(Theme.CREATION, Places.get().findIn("à Béthune")).adviser().id());
    }

    @Test
    void everyoneAwayStillGivesTheCaseAnOwner(@TempDir Path dir) throws Exception {
        Path absences = dir.resolve("absences.txt");
        Files.writeString(absences, "export\npartout\nbethune\nbruay\n");
        AdviserRouter router = new AdviserRouter(catalogue, new Availability(absences, CLOCK));
        assertEquals("export", router.route(Theme.INTERNATIONAL, Optional.empty()).adviser().id());
    }
}
