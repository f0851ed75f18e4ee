package fr.guichet.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}: warnings one line each with exit 0; {@code --strict} makes them errors; malformed files exit 2. */
class ValidateCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new ValidateCommand(CLOCK).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private void catalogue(String adviserName, String schemeUrl) throws Exception {
        write("schemes.json", """
                [{"id": "aide", "title": "Aide", "summary": "Jusqu'à 5 000 €.", "themes": ["financement"],
                  "provider": "État", "url": "%s", "last_reviewed": "2026-01-15"}]
                """.formatted(schemeUrl));
        write("trainings.json", "[]");
        write("advisers.json", """
                [{"id": "camille", "name": "%s", "role": "Conseillère", "email": "camille@example.org",
                  "domains": ["creation", "reprise-transmission", "financement", "recrutement-rh", "formation", "numerique",
                  "international", "innovation", "industrie", "commerce", "logistique", "fluvial", "silver-economie",
                  "tourisme", "immobilier-implantation", "developpement-durable", "difficultes", "juridique-formalites",
                  "reseaux-animation"]}]
                """.formatted(adviserName));
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void warningsAreOneLineEachAndTheCatalogueIsValid() throws Exception {
        catalogue("Camille Exemple", "https://www.example.gouv.fr/");
        assertEquals(0, run("--catalogue", dir.toString()));
        assertEquals(List.of(
                "attention : advisers.json: camille: email: conseiller d'exemple dans un catalogue qui n'est pas un exemple (catalogue.json : status) : remplacez-le par un vrai conseiller",
                "attention : schemes.json: aide: sources: aucune source (1 chiffre(s) à justifier)",
                "attention : schemes.json: aide: last_reviewed: revue il y a plus de 6 mois (2026-01-15)",
                "attention : schemes.json: aide: url: page d'accueil seulement (https://www.example.gouv.fr/) : mettez le lien de la page du dispositif si elle existe"),
                errLines());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("4 avertissement(s)"), out::toString);
    }

    @Test
    void strictTurnsTheWarningsIntoErrors() throws Exception {
        catalogue("Camille Exemple", "https://www.example.gouv.fr/");
        assertEquals(2, run("--catalogue", dir.toString(), "--strict"));
        List<String> lines = errLines();
        assertEquals(5, lines.size(), lines::toString);
        assertTrue(lines.get(1).startsWith("schemes.json: aide: sources: aucune source"), lines.get(1));
        assertTrue(lines.get(4).startsWith("Catalogue refusé (") && lines.get(4).endsWith("--strict) : 4 problème(s)."), lines.get(4));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSampleCatalogueMayKeepItsExampleAdvisers() throws Exception {
        catalogue("Camille Exemple", "https://www.example.gouv.fr/aide");
        write("catalogue.json", "{\"status\": \"sample\"}");
        assertEquals(0, run("--catalogue", dir.toString()));
        assertEquals(2, errLines().size(), errLines()::toString);
    }

    @Test
    void trailingContentAfterTheArrayIsRefusedWithItsPlace() throws Exception {
        catalogue("Camille Martin", "https://www.example.gouv.fr/aide");
        write("trainings.json", "[]\n{oops");
        assertEquals(2, run("--catalogue", dir.toString()));
        assertTrue(errLines().get(0).startsWith("trainings.json: ligne 2, colonne "), errLines()::toString);
    }
}
