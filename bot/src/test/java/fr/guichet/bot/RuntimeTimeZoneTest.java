package fr.guichet.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.WorkingHours;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.SearchRequest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guichet's dates follow one zone, Europe/Paris unless GUICHET_TIMEZONE names another, whatever
 * the machine's (UTC in the Docker image): catalogue validity, absences, working hours, case ids.
 * Tested on the night of 31 December, 23:30 UTC: already the next day, and the next year, in Paris.
 */
class RuntimeTimeZoneTest {
    private static final Instant NEW_YEARS_EVE = Instant.parse("2026-12-31T23:30:00Z");
    private static final Clock SERVER = Clock.fixed(NEW_YEARS_EVE, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void parisByDefaultAnotherZoneOnRequestAndAnUnknownOneRefusedInFrench() throws Exception {
        Args none = Args.parse(List.of(), java.util.Set.of());
        assertEquals(ZoneId.of("Europe/Paris"), Wiring.settings(none, Map.of()).zone());
        assertEquals(ZoneId.of("America/Martinique"),
                Wiring.settings(none, Map.of("GUICHET_TIMEZONE", "America/Martinique")).zone());
        Args.UsageException e = assertThrows(Args.UsageException.class,
                () -> Wiring.settings(none, Map.of("GUICHET_TIMEZONE", "Europe/Bethune")));
        assertTrue(e.getMessage().startsWith("GUICHET_TIMEZONE : fuseau horaire inconnu « Europe/Bethune »"), e.getMessage());
        assertEquals(ZoneId.of("Europe/Paris"), Wiring.clock(Map.of("GUICHET_TIMEZONE", "nulle part")).getZone(),
                "the commands' clock falls back to Paris; the settings refuse the value");
    }

    @Test
    void onAUtcServerTheRuntimeCountsInParis() throws Exception {
        Path catalogue = RuntimeFixtures.catalogueCopy(tmp.resolve("catalogue"));
        // the ACRE offered until 31 December 2026
        ArrayNode schemes = (ArrayNode) JSON.readTree(Files.readString(catalogue.resolve("schemes.json")));
        for (JsonNode entry : schemes) {
            if (entry.path("id").asText().equals("acre")) {
                ((ObjectNode) entry).put("valid_until", "2026-12-31");
            }
        }
        Files.writeString(catalogue.resolve("schemes.json"), JSON.writeValueAsString(schemes));
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        // away until 31 December: in Paris, the adviser is back
        Files.writeString(data.resolve("absences.txt"), "alice-creation 2026-12-31\n");
        try (Application app = Wiring.start(RuntimeFixtures.settings(catalogue, data, Optional.empty()), SERVER,
                new java.io.PrintStream(new ByteArrayOutputStream()))) {
            assertEquals(ZoneId.of("Europe/Paris"), app.clock().getZone());
            assertEquals(LocalDate.of(2027, 1, 1), LocalDate.now(app.clock()));

            // case ids: the year in Paris
            assertTrue(app.cases().create(new NewCase("e", null, Theme.CREATION, "alice-creation", null, "r", List.of(),
                    List.of())).id().startsWith("D-2027-"));

            // absences: the last day away is over in Paris, not yet in UTC
            assertFalse(new Availability(data.resolve("absences.txt"), app.clock()).isAway("alice-creation"));
            assertTrue(new Availability(data.resolve("absences.txt"), SERVER).isAway("alice-creation"), "UTC would say away");

            // validity: an entry offered until 31 December is no longer found, in Paris
            assertTrue(app.catalogue().get().entry("acre").orElseThrow().isOfferedOn(LocalDate.now(SERVER)), "UTC: still offered");
            assertTrue(app.catalogue().search(SearchRequest.of("ACRE aide à la création ou à la reprise")).hits().stream()
                    .noneMatch(h -> h.entry().id().equals("acre")), "ended in Paris");

            // working hours: the CCI's in Paris (the runtime's reminders use WorkingHours.cci(clock zone))
            WorkingHours hours = WorkingHours.cci(app.clock().getZone());
            assertTrue(hours.isOpen(Instant.parse("2027-01-04T08:30:00Z")), "Monday 09:30 in Paris");
            assertFalse(hours.isOpen(Instant.parse("2027-01-04T16:45:00Z")), "Monday 17:45 in Paris");
        }
    }
}
