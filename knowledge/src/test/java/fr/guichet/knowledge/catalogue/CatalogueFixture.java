package fr.guichet.knowledge.catalogue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small catalogue directory written by a test, so that each test shows its own input.
 * It starts as the smallest directory that loads: no schemes, no trainings, one adviser
 * covering every theme; tests then overwrite or delete the files they are about.
 */
public final class CatalogueFixture {

    /** Every theme code of catalogue-format.md, spelled out as the contract lists them. */
    public static final String ALL_THEMES = """
            "creation", "reprise-transmission", "financement", "recrutement-rh", "formation", "numerique",
            "international", "innovation", "industrie", "commerce", "logistique", "fluvial", "silver-economie",
            "tourisme", "immobilier-implantation", "developpement-durable", "difficultes", "juridique-formalites",
            "reseaux-animation\"""";

    /** The smallest advisers.json that covers every theme. */
    public static final String ONE_ADVISER_FOR_ALL = """
            [{"id": "camille", "name": "Camille Exemple", "role": "Conseillère", "domains": [%s]}]
            """.formatted(ALL_THEMES);

    private final Path dir;

    private CatalogueFixture(Path dir) {
        this.dir = dir;
    }

    /** The smallest schemes.json that loads: one scheme (a catalogue without any is refused). */
    public static final String ONE_SCHEME = """
            [{"id": "fixture-scheme", "title": "Dispositif de test", "summary": "Pour les tests.", "themes": ["creation"],
              "provider": "CCI"}]
            """;

    /** A directory with one scheme, an empty trainings.json and one adviser for every theme. */
    public static CatalogueFixture in(Path dir) {
        return new CatalogueFixture(dir)
                .file("schemes.json", ONE_SCHEME)
                .file("trainings.json", "[]")
                .file("advisers.json", ONE_ADVISER_FOR_ALL);
    }

    public CatalogueFixture schemes(String json) {
        return file("schemes.json", json);
    }

    public CatalogueFixture trainings(String json) {
        return file("trainings.json", json);
    }

    public CatalogueFixture advisers(String json) {
        return file("advisers.json", json);
    }

    public CatalogueFixture file(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CatalogueFixture delete(String name) {
        try {
            Files.delete(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public CatalogueLoader.Loaded load() throws CatalogueException {
        return new CatalogueLoader().load(dir);
    }

    public Catalogue catalogue() throws CatalogueException {
        return load().catalogue();
    }

    /** Loads the directory, expecting it to be refused; returns the exception. */
    public CatalogueException refused() {
        return assertThrows(CatalogueException.class, () -> new CatalogueLoader().load(dir));
    }

    /** The {@code FILE: ENTRY: FIELD: reason} lines of a refused directory, errors first. */
    public List<String> problemLines() {
        return refused().problems().stream().map(Problem::toString).toList();
    }
}
